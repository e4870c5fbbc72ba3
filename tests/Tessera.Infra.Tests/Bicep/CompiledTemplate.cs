using System.Text.Json.Nodes;
using Tessera.Testing;

namespace Tessera.Infra.Tests.Bicep;

/// <summary>
/// infra/main.bicep compiled once per test run (bicep build --stdout) and flattened: every resource of the main
/// template and of every module's nested template, with the template (parameters, variables) it is declared in.
/// </summary>
public sealed class CompiledTemplate
{
    public CompiledTemplate()
    {
        Root = RepositoryPaths.Root();
        Build = BicepCli.Run(Root, "build", Path.Combine("infra", "main.bicep"), "--stdout");
        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException("bicep build failed: " + Build.Stderr);
        }

        Main = JsonNode.Parse(Build.Stdout)!.AsObject();
        var all = new List<DeclaredResource>();
        Collect(Main, "main", all);
        Resources = all;
    }

    internal BicepCli.Result Build { get; }

    public string Root { get; }

    public JsonObject Main { get; }

    public IReadOnlyList<DeclaredResource> Resources { get; }

    /// <summary>Every template: the main one and each module's, with the deployment name that holds it.</summary>
    public IEnumerable<(string Module, JsonObject Template)> Templates()
    {
        var found = new List<(string, JsonObject)>();
        Templates(Main, "main", found);
        return found;
    }

    public DeclaredResource Single(string type) => Resources.Single(r => r.Type == type);

    public IEnumerable<DeclaredResource> OfType(string type) => Resources.Where(r => r.Type == type);

    /// <summary>The module's nested deployment resource in the main template (its parameters as main passes them).</summary>
    public JsonObject Module(string name) =>
        Main["resources"]!.AsArray().Select(r => r!.AsObject())
            .Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name);

    private static void Collect(JsonObject template, string module, List<DeclaredResource> into)
    {
        foreach (var node in template["resources"]!.AsArray())
        {
            var resource = node!.AsObject();
            var type = (string)resource["type"]!;
            if (type == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                Collect(nested, (string)resource["name"]!, into);
            }
            else
            {
                into.Add(new DeclaredResource(module, type, resource, template));
            }
        }
    }

    private static void Templates(JsonObject template, string module, List<(string, JsonObject)> into)
    {
        into.Add((module, template));
        foreach (var node in template["resources"]!.AsArray())
        {
            if ((string?)node!["type"] == "Microsoft.Resources/deployments" && node["properties"]?["template"] is JsonObject nested)
            {
                Templates(nested, (string)node["name"]!, into);
            }
        }
    }
}

/// <summary>One resource as compiled: values are literals or ARM expressions ("[...]").</summary>
public sealed record DeclaredResource(string Module, string Type, JsonObject Json, JsonObject Template)
{
    public JsonNode? Properties => Json["properties"];

    /// <summary>A variable of the template that declares this resource (how Bicep compiles a var used in a property).</summary>
    public JsonNode? Variable(string name) => Template["variables"]?[name];

    public string Text => Json.ToJsonString();
}
