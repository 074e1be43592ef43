using System.Diagnostics;
using System.Text;

namespace Edge.Security.Tests.Fixtures;

/// <summary>
/// One of the repository's programs run as users run it (`dotnet Program.dll ...`), from this test's output folder,
/// where the build copies the referenced executables. Killed (with its children) on dispose if still running.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string assembly, params string[] args)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException(assembly + " did not start"));
    }

    /// <summary>Runs to its end; returns the exit code (the output is in <see cref="Output"/>).</summary>
    public static async Task<(int Code, string Output)> RunAsync(string assembly, params string[] args)
    {
        await using ChildProcess child = Start(assembly, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await child._process.WaitForExitAsync(timeout.Token);
        child._process.WaitForExit();
        return (child._process.ExitCode, child.Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
