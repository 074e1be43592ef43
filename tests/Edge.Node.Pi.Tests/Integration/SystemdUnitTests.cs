using System.Diagnostics;
using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Integration;

/// <summary>
/// hardware/raspberry-pi/edge-node.service as systemd itself reads it: `systemd-analyze verify` in a scratch root
/// holding the unit, an executable where ExecStart points and this machine's system units, must say nothing at all
/// (systemd reports a bad directive as a warning with exit code 0, so silence is the check). And the unit and
/// install.sh agree: the unit names no group a system may lack; the installer adds the user to gpio and i2c only
/// where they exist.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SystemdUnitTests : IDisposable
{
    private static readonly string Unit = RepoPaths.Repo(Path.Combine("hardware", "raspberry-pi", "edge-node.service"));
    private static readonly string Installer = RepoPaths.Repo(Path.Combine("hardware", "raspberry-pi", "install.sh"));
    private readonly TempDirectory _root = new();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_unit_passes_systemd_analyze_verify_without_a_word()
    {
        var (code, output) = Verify(File.ReadAllText(Unit));

        Assert.True(code == 0 && output.Length == 0, "systemd-analyze verify (exit " + code + "):\n" + output);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_planted_bad_directive_is_what_verify_reports()
    {
        var (_, output) = Verify(File.ReadAllText(Unit).Replace("Restart=always", "Restart=sometimes", StringComparison.Ordinal));

        Assert.Contains("Failed to parse service restart specifier", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unit_needs_no_group_the_installer_may_not_have_and_runs_as_the_user_it_creates()
    {
        string[] unit = File.ReadAllLines(Unit);
        string installer = File.ReadAllText(Installer);

        Assert.DoesNotContain(unit, l => l.StartsWith("SupplementaryGroups=", StringComparison.Ordinal));
        Assert.Contains("User=edge", unit);
        Assert.Contains("useradd --system", installer, StringComparison.Ordinal);
        Assert.Contains("for group in gpio i2c; do\n  if getent group \"$group\" >/dev/null; then\n    usermod -a -G \"$group\" edge", installer, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private (int Code, string Output) Verify(string unitText)
    {
        string tool = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("systemd-analyze is not installed (.ci/run installs Debian's systemd package)");
        string units = new[] { "/usr/lib/systemd/system", "/lib/systemd/system" }.First(Directory.Exists);

        // The root: the unit where install.sh puts it, an executable where ExecStart points, and the system's units
        // (sysinit.target, network-online.target, ...) that the unit's dependencies name.
        string root = _root.File("root-" + Guid.NewGuid().ToString("N"));
        string unitPath = Path.Combine(root, "etc", "systemd", "system", "edge-node.service");
        Directory.CreateDirectory(Path.GetDirectoryName(unitPath)!);
        File.WriteAllText(unitPath, unitText);
        string exec = Path.Combine(root, "opt", "edge-node", "Edge.Node.Pi");
        Directory.CreateDirectory(Path.GetDirectoryName(exec)!);
        File.WriteAllText(exec, "#!/bin/sh\n");
        File.SetUnixFileMode(exec, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        string systemUnits = Path.Combine(root, "usr", "lib", "systemd", "system");
        Directory.CreateDirectory(systemUnits);
        foreach (string file in Directory.GetFiles(units))
        {
            File.Copy(file, Path.Combine(systemUnits, Path.GetFileName(file)));
        }

        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "verify", "--root=" + root, unitPath })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "systemd-analyze verify did not finish");
        return (process.ExitCode, (stdout.Result + stderr.Result).Trim());
    }
}
