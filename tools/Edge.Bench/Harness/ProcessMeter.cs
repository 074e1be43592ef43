using System.Globalization;

namespace Edge.Bench.Harness;

/// <summary>
/// CPU time and resident memory of one process, read from /proc (proc(5)): utime and stime, fields 14 and 15 of
/// /proc/PID/stat, in clock ticks; VmRSS and VmHWM of /proc/PID/status, in kB. Linux only, as the benches are.
/// </summary>
internal sealed class ProcessMeter(int pid)
{
    /// <summary>USER_HZ: 100 on every Linux architecture .NET runs on (sysconf(_SC_CLK_TCK)).</summary>
    public const double TicksPerSecond = 100;

    public int Pid => pid;

    /// <summary>CPU seconds used so far (user + system), or null once the process is gone.</summary>
    public double? CpuSeconds() => Read("/proc/" + pid + "/stat") is { } stat ? ParseCpuSeconds(stat) : null;

    /// <summary>Resident set size in bytes now, or null once the process is gone.</summary>
    public long? RssBytes() => Read("/proc/" + pid + "/status") is { } status ? ParseStatusKb(status, "VmRSS:") * 1024 : null;

    /// <summary>The most the process has held resident since it started.</summary>
    public long? PeakRssBytes() => Read("/proc/" + pid + "/status") is { } status ? ParseStatusKb(status, "VmHWM:") * 1024 : null;

    /// <summary>A start point: CPU seconds and a wall clock; <see cref="CpuPercentSince"/> gives the share of one core since.</summary>
    public (double Cpu, long Ticks) Mark() => (CpuSeconds() ?? 0, System.Diagnostics.Stopwatch.GetTimestamp());

    public double CpuPercentSince((double Cpu, long Ticks) mark)
    {
        double wall = System.Diagnostics.Stopwatch.GetElapsedTime(mark.Ticks).TotalSeconds;
        return wall <= 0 ? 0 : 100 * ((CpuSeconds() ?? mark.Cpu) - mark.Cpu) / wall;
    }

    /// <summary>The command (field 2) may hold spaces and parentheses: fields are counted after its last ')'.</summary>
    public static double ParseCpuSeconds(string stat)
    {
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command, field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
        long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    public static long ParseStatusKb(string status, string key)
    {
        foreach (string line in status.Split('\n'))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
