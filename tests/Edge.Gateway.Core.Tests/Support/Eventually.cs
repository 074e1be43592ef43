namespace Edge.Gateway.Core.Tests.Support;

/// <summary>Waits for a condition with a bounded timeout instead of sleeping a guessed time.</summary>
internal static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 10_000) => TrueAsync(condition, () => what, timeoutMs);

    public static async Task TrueAsync(Func<bool> condition, Func<string> what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for: " + what());
            }

            await Task.Delay(10);
        }
    }
}
