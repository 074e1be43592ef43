namespace Edge.Tests.Shared;

/// <summary>Waits for a condition with a bounded timeout instead of sleeping a guessed time.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> what, int timeoutMs = 30_000)
    {
        DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for: " + what());
            }

            await Task.Delay(25);
        }
    }

    public static Task TrueAsync(Func<bool> condition, Func<string> what, int timeoutMs = 30_000) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeoutMs);

    public static Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 30_000) =>
        TrueAsync(() => Task.FromResult(condition()), () => what, timeoutMs);
}
