using System.Globalization;

namespace Edge.Bench.Harness;

/// <summary>What the benches report about the shared machine they ran on.</summary>
internal static class Machine
{
    /// <summary>The 1-minute load average (/proc/loadavg): above the core count means other work competed.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static double Mb(long? bytes) => Math.Round((bytes ?? 0) / 1048576.0, 1);
}
