using Edge.Node.Pi.Tests.Fixtures;

namespace Edge.Node.Pi.Tests.Integration;

/// <summary>
/// The build a Raspberry Pi really runs: `dotnet publish -r linux-arm64 --self-contained`, executed on this x64
/// machine under qemu-aarch64-static (Debian's qemu-user-static, with the arm64 C library from
/// libc6-arm64-cross, libstdc++6-arm64-cross and libgcc-s1-arm64-cross as its sysroot), against a gateway on
/// loopback. .ci/run installs those packages; when they are missing this test fails, it does not skip.
/// hardware/raspberry-pi/test-arm64.sh does the same by hand.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Arm64QemuTests : IDisposable
{
    private const int Flow = 9;
    private const string NodeId = "pi-arm64";
    private const string Sysroot = "/usr/aarch64-linux-gnu";
    private const ushort ElfMachineAarch64 = 183;
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task The_linux_arm64_publish_output_runs_under_qemu_and_the_gateway_commits_its_samples()
    {
        string qemu = Qemu();
        Assert.True(File.Exists(Path.Combine(Sysroot, "lib", "ld-linux-aarch64.so.1")), "no arm64 sysroot at " + Sysroot + ": apt-get install libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross");

        // 1. Publish for the Pi, self-contained (there is no arm64 .NET runtime here), with its own obj/bin.
        string output = Path.Combine(_dir.Path, "publish");
        await using (ChildProcess publish = ChildProcess.Start("dotnet",
        [
            "publish", RepoPaths.Repo(Path.Combine("firmware", "Edge.Node.Pi", "Edge.Node.Pi.csproj")), "-c", "Release", "-r", "linux-arm64",
            "--self-contained", "--artifacts-path", Path.Combine(_dir.Path, "artifacts"), "-o", output, "-nologo",
        ]))
        {
            // Generous: a self-contained linux-arm64 publish (with Iot.Device.Bindings and its runtime packages) takes minutes
            // on a loaded 2-core machine; the check is that it succeeds, not how fast.
            int? exit = await publish.ExitCodeAsync(420_000);
            Assert.True(exit == 0, "dotnet publish -r linux-arm64 failed (" + exit + "):\n" + publish.Output());
        }

        string executable = Path.Combine(output, "Edge.Node.Pi");
        Assert.Equal(ElfMachineAarch64, ElfMachine(executable));

        // 2. A gateway on loopback with the flow pinned to the arm64 node, and the node under qemu.
        int mqtt = FreePort.Next();
        await using GatewayChild gateway = await GatewayChild.StartAsync(_dir.File("gw.db"), mqtt, FreePort.Next(), Flow + ":1:" + NodeId);
        double[] values = PiNodeConfig.Values(200);
        string config = PiNodeConfig.Write(_dir.File("pi"), NodeId, mqtt, Flow, values, rate: 50, statusEveryMs: 1000);
        await using ChildProcess node = ChildProcess.Start(qemu, ["-L", Sysroot, executable, "--config", config]);

        // 3. It runs as arm64, is born at the gateway, and its samples are committed.
        await Eventually.TrueAsync(() => node.Printed("Arm64"), () => "the node reports Arm64\n" + node.Output(), 60_000);
        await Eventually.TrueAsync(async () => (await gateway.NodesAsync()).Contains("\"node\":\"" + NodeId + "\"", StringComparison.Ordinal), () => "birth seen\n" + node.Output(), 60_000);
        await Eventually.TrueAsync(async () => (await gateway.FlowAsync(Flow)).Committed >= 100, () => "100 samples committed\n" + node.Output(), 60_000);

        var batches = gateway.Batches(Flow);
        Assert.All(batches, b => Assert.Equal(NodeId, b.Node));
        double[] committed = [.. batches.SelectMany(b => b.Values)];
        Assert.Equal(values.Take(committed.Length), committed);
    }

    public void Dispose() => _dir.Dispose();

    private static string Qemu()
    {
        string[] candidates = ["/usr/bin/qemu-aarch64-static", "/usr/bin/qemu-aarch64"];
        string? found = candidates.FirstOrDefault(File.Exists);
        Assert.True(found is not null, "qemu-aarch64 not found: apt-get install qemu-user-static (.ci/run installs it)");
        return found!;
    }

    /// <summary>e_machine of an ELF file: 183 is AArch64, 62 is x86-64.</summary>
    private static ushort ElfMachine(string path)
    {
        Span<byte> header = stackalloc byte[20];
        using FileStream file = File.OpenRead(path);
        file.ReadExactly(header);
        Assert.True(header[0] == 0x7F && header[1] == (byte)'E' && header[2] == (byte)'L' && header[3] == (byte)'F', path + " is not an ELF file");
        return (ushort)(header[18] | (header[19] << 8));
    }
}
