using Edge.Bench.Load;

namespace Edge.Bench.Tests.Load;

[Trait("Category", "Unit")]
public sealed class ConnectGateTests
{
    [Fact]
    public async Task An_attempt_that_never_answers_gives_its_slot_back()
    {
        using var gate = new ConnectGate(concurrency: 1, attemptTimeout: TimeSpan.FromMilliseconds(200));
        Task hanging = gate.RunAsync(token => Task.Delay(Timeout.Infinite, token), CancellationToken.None);
        bool second = false;
        Task next = gate.RunAsync(_ =>
        {
            second = true;
            return Task.CompletedTask;
        }, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(30)));
        await next.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(second);
    }

    [Fact]
    public async Task Stopping_the_gate_ends_attempts_waiting_for_a_slot()
    {
        using var gate = new ConnectGate(concurrency: 1, attemptTimeout: TimeSpan.FromMinutes(5));
        var release = new TaskCompletionSource();
        Task holding = gate.RunAsync(_ => release.Task, CancellationToken.None);
        Task waiting = gate.RunAsync(_ => Task.CompletedTask, CancellationToken.None);

        gate.Stop();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        release.SetResult();
        await holding.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
