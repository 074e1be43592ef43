using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Edge.Tests.Shared.Processes;

/// <summary>
/// A server the tests and benches run for real (PostgreSQL, etcd, Mosquitto) as a child process in its own temp
/// folder on free loopback ports: its last output lines are kept for failure messages, and it is stopped and its
/// folder removed on dispose. Programs that refuse to run as root (PostgreSQL) are started as their Debian user
/// through setpriv, which execs, so the process id is the server's own.
/// </summary>
internal abstract class ServiceProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    protected ServiceProcess(string name)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("edge-" + name + "-").FullName;
    }

    /// <summary>The temp folder everything of this server lives in.</summary>
    public string Directory { get; }

    public int Pid => _process?.Id ?? 0;

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The server's last output lines, for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>A program on PATH or in the usual Debian places (including /usr/lib/postgresql/*/bin), else null.</summary>
    public static string? Find(string name)
    {
        IEnumerable<string> dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/bin"])
            .Concat(System.IO.Directory.Exists("/usr/lib/postgresql")
                ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        return dirs.Where(d => d.Length > 0).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    public static string Require(string name, string package) =>
        Find(name) ?? throw new InvalidOperationException($"{name} is not installed; .ci/run installs it (apt-get install {package})");

    /// <summary>Runs a setup step (initdb) to completion as <paramref name="user"/> when root.</summary>
    protected static async Task RunToEndAsync(string program, IEnumerable<string> args, string? user = null)
    {
        using Process process = Process.Start(Info(program, args, user)) ?? throw new InvalidOperationException(program + " did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await output.ConfigureAwait(false)} {await error.ConfigureAwait(false)}");
        }
    }

    /// <summary>Gives <paramref name="user"/> the folder when root (PostgreSQL insists on owning its data directory).</summary>
    protected static async Task ChownAsync(string path, string user)
    {
        if (IsRoot)
        {
            await RunToEndAsync("chown", ["-R", user + ":" + user, path]).ConfigureAwait(false);
        }
    }

    protected void Launch(string program, IEnumerable<string> args, string? user = null)
    {
        _process = Process.Start(Info(program, args, user)) ?? throw new InvalidOperationException(program + " did not start");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until <paramref name="ready"/> holds, failing with the server's output if it exits or takes too long.</summary>
    protected async Task WaitUntilAsync(Func<Task<bool>> ready, string what, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!await ready().ConfigureAwait(false))
        {
            if (HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{what}: {(HasExited ? "exited" : "timed out")}\n{Output}");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops the server with <paramref name="signal"/>, then SIGKILL if it is still there after a few seconds.</summary>
    public async Task StopAsync(int signal = Signals.Term)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        Signals.Send(_process.Id, Signals.Continue);
        Signals.Send(_process.Id, signal);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await StopAsync(StopSignal).ConfigureAwait(false);
        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp folder does not make a run wrong.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>How this server is stopped at the end (PostgreSQL: SIGQUIT, an immediate shutdown).</summary>
    protected virtual int StopSignal => Signals.Term;

    private static ProcessStartInfo Info(string program, IEnumerable<string> args, string? user)
    {
        bool asUser = user is not null && IsRoot;
        var info = new ProcessStartInfo(asUser ? "setpriv" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (asUser)
        {
            foreach (string a in new[] { "--reuid=" + user, "--regid=" + user, "--init-groups", "--", program })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }
}
