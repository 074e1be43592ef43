using System.Diagnostics;
using System.Globalization;

namespace Edge.Tests.Shared.Processes;

/// <summary>
/// POSIX signals to a child process, through kill(1) as an operator would send them: SIGSTOP/SIGCONT pause and
/// resume it (a long GC pause, a frozen VM), SIGQUIT/SIGTERM stop it.
/// </summary>
internal static class Signals
{
    public const int Quit = 3;
    public const int Kill = 9;
    public const int Term = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(int pid, int signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal.ToString(CultureInfo.InvariantCulture), pid.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
    }
}
