using System.Diagnostics;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>External programs the tests drive: found on PATH or in /usr/sbin (where Debian puts mosquitto).</summary>
internal static class Tools
{
    public static string Find(string name)
    {
        string[] dirs = [.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'), "/usr/sbin", "/usr/bin"];
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} is not installed; .ci/run installs it (apt-get install mosquitto mosquitto-clients)");
    }

    /// <summary>Runs a program to completion with a bounded wait; returns exit code and stdout.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string program, IEnumerable<string> args, int timeoutMs = 30_000)
    {
        using var process = Process.Start(new ProcessStartInfo(Find(program), args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(timeoutMs);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, await output, await error);
    }
}
