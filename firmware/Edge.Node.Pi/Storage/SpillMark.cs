using System.Globalization;

namespace Edge.Node.Pi.Storage;

/// <summary>
/// A flow's small state file next to its segment, replaced whole (temp file, fsync, rename): the acknowledged
/// watermark (every sequence below Next is committed at the gateway), the owner epoch and whether the node
/// was serving the flow. Plain text, so <c>cat flow-9.mark</c> on a Pi says where a flow stands.
/// </summary>
internal readonly record struct SpillMark(long Next, long Epoch, bool Serving)
{
    public static SpillMark? Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        long next = -1;
        long epoch = -1;
        bool serving = false;
        foreach (string line in lines)
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            string key = line[..eq];
            string value = line[(eq + 1)..].Trim();
            if (key == "next")
            {
                next = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : -1;
            }
            else if (key == "epoch")
            {
                epoch = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long e) ? e : -1;
            }
            else if (key == "serving")
            {
                serving = value == "true";
            }
        }

        return next < 0 ? null : new SpillMark(next, epoch, serving);
    }

    public void Write(string path, bool fsync)
    {
        string temp = path + ".tmp";
        string text = string.Create(CultureInfo.InvariantCulture, $"next={Next}\nepoch={Epoch}\nserving={(Serving ? "true" : "false")}\n");
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(text));
            file.Flush(fsync);
        }

        File.Move(temp, path, overwrite: true);
    }
}
