using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tessera.Local.Tests.Parity;

/// <summary>One function as declared in functions/: its name, trigger kind and, for HTTP, method and route.</summary>
public sealed record DeclaredFunction(string Name, string Trigger, string? Method, string? Route)
{
    public override string ToString() => Trigger == "http" ? $"{Trigger} {Name} {Method} {Route}" : $"{Trigger} {Name}";
}

/// <summary>
/// Reads the Azure Functions twin with Roslyn (syntax only: it cannot be compiled here) and lists every
/// [Function(...)] method with its trigger. Function names may be string literals, nameof(...) or
/// constants such as LifeCycleSteps.Foundation, resolved by reflection over the given assemblies.
/// </summary>
public static class AzureFunctionScanner
{
    public static IReadOnlyList<DeclaredFunction> Scan(IEnumerable<string> sources, IReadOnlyList<Assembly> constantSources)
    {
        var result = new List<DeclaredFunction>();
        foreach (var source in sources)
        {
            var root = CSharpSyntaxTree.ParseText(source).GetRoot();
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var function = method.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => Simple(a.Name) == "Function");
                if (function?.ArgumentList?.Arguments.FirstOrDefault() is not { } nameArg)
                {
                    continue;
                }

                var name = ResolveString(nameArg.Expression, constantSources);
                var (trigger, httpMethod, route) = Trigger(method);
                result.Add(new DeclaredFunction(name, trigger, httpMethod, route));
            }
        }

        return result;
    }

    private static (string Trigger, string? Method, string? Route) Trigger(MethodDeclarationSyntax method)
    {
        foreach (var attribute in method.ParameterList.Parameters.SelectMany(p => p.AttributeLists).SelectMany(l => l.Attributes))
        {
            switch (Simple(attribute.Name))
            {
                case "OrchestrationTrigger":
                    return ("orchestration", null, null);
                case "ActivityTrigger":
                    return ("activity", null, null);
                case "TimerTrigger":
                    return ("timer", null, null);
                case "HttpTrigger":
                    var args = attribute.ArgumentList?.Arguments ?? default;
                    var methods = args.Where(a => a.NameEquals is null && a.Expression is LiteralExpressionSyntax l && l.IsKind(SyntaxKind.StringLiteralExpression))
                        .Select(a => ((LiteralExpressionSyntax)a.Expression).Token.ValueText.ToUpperInvariant());
                    var route = args.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Route")?.Expression as LiteralExpressionSyntax;
                    return ("http", string.Join(",", methods), route?.Token.ValueText);
            }
        }

        return ("unknown", null, null);
    }

    private static string ResolveString(ExpressionSyntax expression, IReadOnlyList<Assembly> assemblies)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return literal.Token.ValueText;
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } invocation:
                return invocation.ArgumentList.Arguments[0].Expression.ToString().Split('.')[^1];
            case MemberAccessExpressionSyntax member:
                var typeName = Simple(member.Expression);
                var field = member.Name.Identifier.ValueText;
                foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t.Name == typeName))
                {
                    if (type.GetField(field, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } constant)
                    {
                        return (string)constant.GetRawConstantValue()!;
                    }
                }

                throw new InvalidOperationException($"cannot resolve function name constant {expression}");
            default:
                throw new InvalidOperationException($"unsupported function name expression {expression}");
        }
    }

    private static string Simple(NameSyntax name) => name switch
    {
        QualifiedNameSyntax q => Simple(q.Right),
        _ => name.ToString().Replace("Attribute", string.Empty, StringComparison.Ordinal),
    };

    private static string Simple(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        _ => expression.ToString(),
    };
}
