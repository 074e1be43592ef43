using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests.Conformance;

/// <summary>
/// Runs a script with the Eclipse Paho Python client (Debian's python3-paho-mqtt, which .ci/run installs): a
/// client nobody here wrote. Debian installs it for /usr/bin/python3, which may not be the first python3 on PATH.
/// </summary>
internal static class PahoPython
{
    private static readonly Lazy<Task<string>> Interpreter = new(FindAsync);

    /// <summary>Runs <paramref name="script"/> with the arguments; fails the test with its output if it exits non-zero.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        string python = await Interpreter.Value;
        (int exit, string output, string error) = await Tools.RunAsync(python, ["-c", script, .. args]);
        Assert.True(exit == 0, $"paho script failed ({exit}):\n{output}\n{error}");
        return output;
    }

    private static async Task<string> FindAsync()
    {
        string[] dirs = [.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries), "/usr/bin"];
        foreach (string candidate in dirs.Select(d => Path.Combine(d, "python3")).Where(File.Exists).Distinct(StringComparer.Ordinal))
        {
            (int exit, _, _) = await Tools.RunAsync(candidate, ["-c", "import paho.mqtt.client"]);
            if (exit == 0)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no python3 with paho-mqtt; .ci/run installs it (apt-get install python3-paho-mqtt)");
    }
}
