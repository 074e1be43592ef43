using Edge.Bench.Harness;

namespace Edge.Bench.Tests.Harness;

[Trait("Category", "Unit")]
public sealed class ProcessMeterTests
{
    [Fact]
    public void Cpu_time_is_read_after_a_command_that_holds_spaces_and_parentheses()
    {
        // proc(5): pid (comm) state ppid ... utime(14) stime(15) ...
        const string stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 30 0 1000 100000 2000";
        Assert.Equal(3.0, ProcessMeter.ParseCpuSeconds(stat));
    }

    [Fact]
    public void Resident_memory_is_read_from_status_in_kilobytes()
    {
        const string status = "Name:\tdotnet\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t12\n";
        Assert.Equal(102400, ProcessMeter.ParseStatusKb(status, "VmRSS:"));
        Assert.Equal(204800, ProcessMeter.ParseStatusKb(status, "VmHWM:"));
    }

    [Fact]
    public void This_process_has_resident_memory_and_a_peak_at_least_as_large()
    {
        var meter = new ProcessMeter(Environment.ProcessId);
        long rss = meter.RssBytes()!.Value;
        Assert.True(rss > 0);
        Assert.True(meter.PeakRssBytes() >= rss);
        Assert.NotNull(meter.CpuSeconds());
    }

    [Fact]
    public void A_process_that_is_gone_reads_as_nothing()
    {
        var meter = new ProcessMeter(int.MaxValue);
        Assert.Null(meter.CpuSeconds());
        Assert.Null(meter.RssBytes());
    }
}
