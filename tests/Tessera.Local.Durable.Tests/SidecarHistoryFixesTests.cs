using DurableTask.Core;
using DurableTask.Core.History;
using Google.Protobuf.Collections;
using Microsoft.DurableTask.Testing.Sidecar.Dispatcher;
using Xunit;

namespace Tessera.Local.Durable.Tests;

/// <summary>The repairs of what the preview sidecar hands to the backend, on hand-built states (no storage).</summary>
public sealed class SidecarHistoryFixesTests
{
    private static readonly OrchestrationInstance Parent = new() { InstanceId = "parent", ExecutionId = "e1" };

    [Fact]
    public void Protobuf_tags_of_a_sub_orchestration_start_message_become_a_plain_dictionary()
    {
        var tags = new MapField<string, string> { ["sleeve"] = "core" };
        var message = new TaskMessage { Event = new ExecutionStartedEvent(-1, "input") { Tags = tags }, OrchestrationInstance = Parent };

        SidecarHistoryFixes.NormalizeMessages([message]);

        var normalized = ((ExecutionStartedEvent)message.Event).Tags;
        Assert.IsType<Dictionary<string, string>>(normalized);
        Assert.Equal("core", normalized!["sleeve"]);
    }

    [Fact]
    public void Empty_protobuf_tags_become_null_and_plain_dictionaries_stay_as_they_are()
    {
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);

        Assert.Null(SidecarHistoryFixes.PlainTags(new MapField<string, string>()));
        Assert.Same(plain, SidecarHistoryFixes.PlainTags(plain));
        Assert.Null(SidecarHistoryFixes.PlainTags(null));
    }

    [Fact]
    public void The_sidecars_sub_orchestration_created_event_is_replaced_by_the_base_type_with_the_same_fields()
    {
        var state = new OrchestrationRuntimeState([new ExecutionStartedEvent(-1, "in") { OrchestrationInstance = Parent, Name = "Parent" }]);
        var timestamp = new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);
        state.AddEvent(new GrpcSubOrchestrationInstanceCreatedEvent(3)
        {
            Timestamp = timestamp,
            Name = "Child",
            Version = "v1",
            InstanceId = "child-1",
            Input = "\"x\"",
        });

        SidecarHistoryFixes.NormalizeRuntimeState(state);

        var created = Assert.Single(state.NewEvents);
        Assert.Equal(typeof(SubOrchestrationInstanceCreatedEvent), created.GetType());
        Assert.Same(created, state.Events[^1]);
        var fields = (SubOrchestrationInstanceCreatedEvent)created;
        Assert.Equal((3, timestamp, "Child", "v1", "child-1", "\"x\""), (fields.EventId, fields.Timestamp, fields.Name, fields.Version, fields.InstanceId, fields.Input));
        Assert.Equal(2, state.Events.Count);
    }

    [Fact]
    public void A_failed_completion_gets_the_failure_details_the_sidecar_left_out()
    {
        var state = new OrchestrationRuntimeState([new ExecutionStartedEvent(-1, "in") { OrchestrationInstance = Parent, Name = "Parent" }]);
        state.AddEvent(new ExecutionCompletedEvent(5, "Task failed", OrchestrationStatus.Failed));
        var failure = new FailureDetails("Microsoft.DurableTask.TaskFailedException", "Task failed", null, new FailureDetails("System.ArgumentException", "bad", null, null, isNonRetriable: false), isNonRetriable: false);

        SidecarHistoryFixes.AddFailureDetails(state, failure);

        Assert.Same(failure, state.ExecutionCompletedEvent?.FailureDetails);
        Assert.Same(state.ExecutionCompletedEvent, state.NewEvents[^1]);
        Assert.Same(state.ExecutionCompletedEvent, state.Events[^1]);
        Assert.Equal(OrchestrationStatus.Failed, state.OrchestrationStatus);
    }

    [Fact]
    public void The_failure_is_read_back_from_the_last_completion_in_the_json_history()
    {
        const string history = """
            [
              { "EventType": 0, "EventId": -1 },
              { "EventType": 1, "EventId": 5, "OrchestrationStatus": 3,
                "FailureDetails": { "ErrorType": "Outer", "ErrorMessage": "m", "InnerFailure": { "ErrorType": "System.ArgumentException", "ErrorMessage": "bad" } } }
            ]
            """;

        var failure = SidecarCompatibleOrchestrationServiceClient.LastFailure(history);

        Assert.Equal("Outer", failure?.ErrorType);
        Assert.Equal("System.ArgumentException", failure?.InnerFailure?.ErrorType);
        Assert.Null(SidecarCompatibleOrchestrationServiceClient.LastFailure("""[{ "EventType": 0 }]"""));
    }
}
