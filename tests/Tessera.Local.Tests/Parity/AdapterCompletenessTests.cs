using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tessera.Durable;
using Xunit;

namespace Tessera.Local.Tests.Parity;

/// <summary>
/// functions/ cannot be compiled here, so the name parity test alone would not notice an adapter that misses a
/// member of the port (a compile error only the Azure build would see). These tests parse the adapters and
/// check that they implement every abstract member of OrchestrationContext and every IOrchestrationClient method
/// (matched by name and parameter count).
/// </summary>
public sealed class AdapterCompletenessTests
{
    private static string FunctionsFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "functions", "Tessera.Functions", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    private static HashSet<string> Declared(string file, Func<MemberDeclarationSyntax, bool> include)
    {
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(FunctionsFile(file))).GetRoot();
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in root.DescendantNodes().OfType<MemberDeclarationSyntax>().Where(include))
        {
            switch (member)
            {
                case MethodDeclarationSyntax m:
                    set.Add($"{m.Identifier.ValueText}/{m.ParameterList.Parameters.Count}");
                    break;
                case PropertyDeclarationSyntax p:
                    set.Add(p.Identifier.ValueText);
                    break;
            }
        }

        return set;
    }

    private static string Key(MethodInfo m) => $"{m.Name}/{m.GetParameters().Length}";

    [Fact]
    public void The_Azure_context_adapter_overrides_every_abstract_member_of_the_port()
    {
        var overridden = Declared("TaskOrchestrationContextAdapter.cs", m => m.Modifiers.Any(SyntaxKind.OverrideKeyword));
        var required = typeof(OrchestrationContext).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsAbstract && !m.IsSpecialName).Select(Key)
            .Concat(typeof(OrchestrationContext).GetProperties().Where(p => p.GetMethod!.IsAbstract).Select(p => p.Name))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(required);
        Assert.Empty(required.Except(overridden));
    }

    [Fact]
    public void The_Azure_client_adapter_implements_every_client_method_of_the_port()
    {
        var declared = Declared("DurableTaskClientAdapter.cs", m => m.Modifiers.Any(SyntaxKind.PublicKeyword));
        var required = typeof(IOrchestrationClient).GetMethods().Select(Key).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(required);
        Assert.Empty(required.Except(declared));
    }
}
