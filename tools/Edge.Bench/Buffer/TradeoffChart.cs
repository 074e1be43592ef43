using System.Globalization;
using System.Security;
using System.Text;

namespace Edge.Bench.Buffer;

/// <summary>
/// The drops-against-memory picture as SVG: for each strategy, the line its knob traces over the scored traces
/// (total dropped against mean capacity, memory on a log axis), a filled dot where its chosen configuration sits,
/// a ring at its hindsight total, and the oracle. Written by hand because it is a few lines and points.
/// </summary>
internal static class TradeoffChart
{
    private const double Width = 900;
    private const double Height = 560;
    private const double Left = 90;
    private const double Right = 230;
    private const double Top = 40;
    private const double Bottom = 60;

    private static readonly string[] Colors = ["#7f7f7f", "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

    public static string ToSvg(BenchReport report)
    {
        StrategyRow oracle = report.Totals.First(t => t.Strategy == BufferBench.Oracle);
        StrategyRow reactive = report.Totals.First(t => t.Strategy == BufferBench.Reactive);
        string[] names = report.Totals.Where(t => t.Strategy != BufferBench.Oracle).Select(t => t.Strategy).ToArray();

        // Drops from just under the oracle's (nothing can do better) to twice reactive's chosen run; memory over what was run.
        double yMin = Math.Max(0, oracle.Dropped * 0.95);
        double yMax = Math.Max(yMin + 1, Math.Max(reactive.Dropped, report.Totals.Max(t => t.Dropped)) * 1.15);
        double xMin = Math.Max(1, Math.Min(oracle.MeanCapacity, report.Curves.Count == 0 ? oracle.MeanCapacity : report.Curves.Min(c => c.MeanCapacity)) * 0.9);
        double xMax = Math.Max(xMin * 2, (report.Curves.Count == 0 ? oracle.MeanCapacity : report.Curves.Max(c => c.MeanCapacity)) * 1.1);
        double X(double memory) => Left + ((Math.Log(Math.Max(memory, xMin)) - Math.Log(xMin)) / (Math.Log(xMax) - Math.Log(xMin)) * (Width - Left - Right));
        double Y(double dropped) => Top + ((yMax - Math.Clamp(dropped, yMin, yMax)) / (yMax - yMin) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append(svg, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        Append(svg, $"<text x=\"{Left}\" y=\"22\" font-size=\"14\">{Escape($"Dropped against memory, {report.Mode} mode, {report.Traces.Count} traces (dot: chosen configuration; ring: hindsight)")}</text>");

        // Axes and ticks: memory at 1-2-5 steps, drops at five even steps.
        Append(svg, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>");
        Append(svg, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>");
        for (double decade = Math.Pow(10, Math.Floor(Math.Log10(xMin))); decade <= xMax; decade *= 10)
        {
            foreach (double m in new[] { 1.0, 2.0, 5.0 })
            {
                double v = decade * m;
                if (v < xMin || v > xMax)
                {
                    continue;
                }

                Append(svg, $"<line x1=\"{X(v):F1}\" y1=\"{Height - Bottom}\" x2=\"{X(v):F1}\" y2=\"{Top}\" stroke=\"#eeeeee\"/>");
                Append(svg, $"<text x=\"{X(v):F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{v:G4}</text>");
            }
        }

        for (int i = 0; i <= 5; i++)
        {
            double v = yMin + ((yMax - yMin) * i / 5);
            Append(svg, $"<line x1=\"{Left}\" y1=\"{Y(v):F1}\" x2=\"{Width - Right}\" y2=\"{Y(v):F1}\" stroke=\"#eeeeee\"/>");
            Append(svg, $"<text x=\"{Left - 6}\" y=\"{Y(v) + 4:F1}\" text-anchor=\"end\">{v:N0}</text>");
        }

        Append(svg, $"<text x=\"{(Left + Width - Right) / 2:F1}\" y=\"{Height - 18}\" text-anchor=\"middle\">mean capacity held (samples, log scale)</text>");
        Append(svg, $"<text x=\"18\" y=\"{(Top + Height - Bottom) / 2:F1}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {(Top + Height - Bottom) / 2:F1})\">samples dropped (total)</text>");

        for (int n = 0; n < names.Length; n++)
        {
            string name = names[n];
            string color = Colors[n % Colors.Length];
            string points = string.Join(" ", report.Curves.Where(c => c.Strategy == name).OrderBy(c => c.MeanCapacity)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{X(c.MeanCapacity):F1},{Y(c.Dropped):F1}")));
            Append(svg, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{points}\"/>");
            StrategyRow chosen = report.Totals.First(t => t.Strategy == name);
            Append(svg, $"<circle cx=\"{X(chosen.MeanCapacity):F1}\" cy=\"{Y(chosen.Dropped):F1}\" r=\"5\" fill=\"{color}\"/>");
            StrategyRow? hindsight = report.Hindsight.FirstOrDefault(t => t.Strategy == name);
            if (hindsight is not null && report.Mode == BufferBench.DeployableMode)
            {
                Append(svg, $"<circle cx=\"{X(hindsight.MeanCapacity):F1}\" cy=\"{Y(hindsight.Dropped):F1}\" r=\"5\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\"/>");
            }

            double ly = Top + 10 + (n * 20);
            Append(svg, $"<line x1=\"{Width - Right + 15}\" y1=\"{ly}\" x2=\"{Width - Right + 35}\" y2=\"{ly}\" stroke=\"{color}\" stroke-width=\"3\"/>");
            string share = chosen.AvoidableRemoved is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({chosen.AvoidableRemoved.Value:P0})");
            Append(svg, $"<text x=\"{Width - Right + 40}\" y=\"{ly + 4}\">{Escape(name + share)}</text>");
        }

        double oy = Top + 10 + (names.Length * 20);
        Append(svg, $"<rect x=\"{X(oracle.MeanCapacity) - 5:F1}\" y=\"{Y(oracle.Dropped) - 5:F1}\" width=\"10\" height=\"10\" fill=\"black\"/>");
        Append(svg, $"<rect x=\"{Width - Right + 20}\" y=\"{oy - 5}\" width=\"10\" height=\"10\" fill=\"black\"/>");
        Append(svg, $"<text x=\"{Width - Right + 40}\" y=\"{oy + 4}\">oracle (foresight)</text>");
        Append(svg, $"<text x=\"{Width - Right + 15}\" y=\"{oy + 26}\" font-size=\"10\">(%: avoidable drops removed)</text>");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static void Append(StringBuilder svg, FormattableString line) => svg.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
