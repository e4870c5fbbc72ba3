using System.Text.Json.Nodes;
using Tessera.Orchestrations.LifeCycle;
using Tessera.Orchestrations.Meta;
using Tessera.Orchestrations.Stages;
using Xunit;

namespace Tessera.Orchestrations.Tests.Stages;

/// <summary>The stage table declares exactly the activities the two orchestrations schedule, each with a schema and its artifacts.</summary>
public sealed class StageTableTests
{
    [Fact]
    public void The_table_lists_every_life_cycle_and_meta_activity_once()
    {
        var names = StageTable.All.Select(s => s.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal([.. LifeCycleSteps.ActivityNames, .. MetaSteps.ActivityNames], names);
        Assert.All(StageTable.All, s => Assert.NotEmpty(s.OutputArtifacts));
    }

    [Fact]
    public void Every_stage_has_an_object_schema_of_its_input_in_snake_case()
    {
        foreach (var stage in StageTable.All)
        {
            var schema = stage.InputSchema().AsObject();
            Assert.Equal(stage.Name, schema["title"]!.GetValue<string>());
            var properties = schema["properties"]!.AsObject();
            Assert.NotEmpty(properties);
            Assert.All(properties.Select(p => p.Key), key => Assert.Matches("^[a-z0-9_]+$", key));
        }

        var resolve = MetaStages.ResolveSleeve.InputSchema()["properties"]!.AsObject();
        Assert.Equal(["meta_run_id", "sleeve", "side", "sleeve_run_id"], resolve.Select(p => p.Key));
    }

    [Fact]
    public void Inputs_are_parsed_strictly_and_unknown_stages_refused()
    {
        var input = (ResolveSleeveInput)MetaStages.ResolveSleeve.ParseInput("""{"meta_run_id":"m1","sleeve":"a","side":"SHORT","sleeve_run_id":null}"""u8, "in.json");
        Assert.Equal(new ResolveSleeveInput("m1", "a", Tessera.Core.Side.Short, null), input);
        Assert.Equal("input", Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => MetaStages.ResolveSleeve.ParseInput("""{"side":"SIDEWAYS"}"""u8, "in.json")).Field);
        Assert.Equal("input", Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => MetaStages.ResolveSleeve.ParseInput("""{"meta_run_id":"m1","side":"SHORT"}"""u8, "in.json")).Field); // sleeve missing
        Assert.Equal("input", Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => MetaStages.ResolveSleeve.ParseInput("""{"meta_run_id":"m1","sleeve":"a","side":"SHORT","extra":1}"""u8, "in.json")).Field);
        Assert.Equal("stage", Assert.Throws<Tessera.Core.Errors.TesseraValidationException>(() => StageTable.Get("NoSuchStage")).Field);
        Assert.Same(MetaStages.Aggregate, StageTable.Get(MetaSteps.Aggregate));
    }
}
