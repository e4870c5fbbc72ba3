using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Tessera.Local.Durable.Tests;

/// <summary>A retry policy that tells bad input (never retried) from transient failures (retried).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Bad_input_is_attempted_once_and_fails_the_orchestration_naming_the_error()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();
        var input = new FlakyInput(Guid.NewGuid().ToString("N"), "bad-input");

        var result = await kit.RunAsync(runtime.Client, "Flaky", input);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains(typeof(ArgumentException).FullName, ErrorTypes(result.FailureDetails));

        // As in Azure, where Durable Task Core records the failure: the instance's output is "ErrorType: message".
        Assert.StartsWith(result.FailureDetails!.ErrorType + ": ", result.SerializedOutput, StringComparison.Ordinal);
        Assert.Equal(1, runtime.WorkerServices.GetRequiredService<AttemptCounter>().Get(input.Key));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_up_to_the_policy_limit()
    {
        await using var kit = new DurableTestKit(azurite, output);
        await using var runtime = await kit.StartAsync();
        var input = new FlakyInput(Guid.NewGuid().ToString("N"), "transient");

        var result = await kit.RunAsync(runtime.Client, "Flaky", input);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains(typeof(InvalidOperationException).FullName, ErrorTypes(result.FailureDetails));
        Assert.Equal(3, runtime.WorkerServices.GetRequiredService<AttemptCounter>().Get(input.Key));
    }

    /// <summary>The orchestration fails with the task's failure, possibly wrapped: every error type in the chain.</summary>
    private static List<string> ErrorTypes(TaskFailureDetails? failure)
    {
        var types = new List<string>();
        for (; failure is not null; failure = failure.InnerFailure)
        {
            types.Add(failure.ErrorType);
        }

        return types;
    }
}
