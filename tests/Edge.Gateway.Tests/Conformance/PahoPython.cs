using Edge.Gateway.Tests.Fixtures;

namespace Edge.Gateway.Tests.Conformance;

/// <summary>
/// Runs a script with the Eclipse Paho Python client (Debian's python3-paho-mqtt, which .ci/run installs): a
/// client nobody here wrote.
/// </summary>
internal static class PahoPython
{
    private static readonly Lazy<Task<string>> Interpreter = new(() => DebianPython.FindAsync("paho.mqtt.client"));

    /// <summary>Runs <paramref name="script"/> with the arguments; fails the test with its output if it exits non-zero.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        string python = await Interpreter.Value;
        (int exit, string output, string error) = await Tools.RunAsync(python, ["-c", script, .. args]);
        Assert.True(exit == 0, $"paho script failed ({exit}):\n{output}\n{error}");
        return output;
    }
}
