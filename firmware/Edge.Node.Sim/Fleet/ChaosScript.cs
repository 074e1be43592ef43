using System.Globalization;

namespace Edge.Node.Sim.Fleet;

/// <summary>
/// Chaos actions by text, for the command line (`--chaos "kill sim-002@20s,pause sim-003@30s"`) and for stdin
/// while the fleet runs (`kill sim-002`). Verbs: kill, pause, resume, restart, corrupt.
/// </summary>
public static class ChaosScript
{
    public static readonly string[] Verbs = ["kill", "pause", "resume", "restart", "corrupt"];

    /// <summary>Applies one "verb node" line; returns what happened, for the console.</summary>
    public static string Apply(SimFleet fleet, string line)
    {
        string[] parts = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !Verbs.Contains(parts[0]))
        {
            return "usage: " + string.Join("|", Verbs) + " <node>";
        }

        var board = fleet.Boards.FirstOrDefault(b => b.Id == parts[1]);
        if (board is null)
        {
            return "no node " + parts[1];
        }

        switch (parts[0])
        {
            case "kill": board.Kill(); break;
            case "pause": board.Pause(); break;
            case "resume": board.Resume(); break;
            case "restart": board.Restart(); break;
            default: board.CorruptNext(); break;
        }

        return parts[0] + " " + board.Id;
    }

    /// <summary>Parses "verb node@seconds" items separated by commas.</summary>
    public static IReadOnlyList<(TimeSpan At, string Line)> Parse(string? schedule)
    {
        var items = new List<(TimeSpan, string)>();
        foreach (string item in (schedule ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int at = item.LastIndexOf('@');
            if (at < 0 || !double.TryParse(item.AsSpan(at + 1).TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            {
                throw new FormatException("chaos item '" + item + "' is not 'verb node@seconds'");
            }

            items.Add((TimeSpan.FromSeconds(seconds), item[..at]));
        }

        return items;
    }
}
