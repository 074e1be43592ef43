using System.Diagnostics;

namespace Edge.Tests.Shared;

/// <summary>
/// A python3 that can import the modules a test script needs. Debian's python3-* packages (.ci/run installs
/// them) are importable by /usr/bin/python3 only, which need not be the first python3 on PATH.
/// </summary>
internal static class DebianPython
{
    public static async Task<string> FindAsync(params string[] modules)
    {
        string[] dirs = [.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries), "/usr/bin"];
        foreach (string candidate in dirs.Select(d => Path.Combine(d, "python3")).Where(File.Exists).Distinct(StringComparer.Ordinal))
        {
            using Process? probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import " + string.Join(", ", modules)])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (probe is not null)
            {
                await probe.WaitForExitAsync();
                if (probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException($"no python3 that imports {string.Join(", ", modules)}; .ci/run installs them (apt-get install python3-paho-mqtt python3-jinja2)");
    }
}
