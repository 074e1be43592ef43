using Edge.Bench.Ingest;

namespace Edge.Bench.Tests.Ingest;

[Trait("Category", "Unit")]
public sealed class IngestReportTests
{
    [Fact]
    public void Each_edge_run_is_compared_with_the_anchor_of_its_own_repetition()
    {
        var report = new IngestReport(new IngestOptions { Repeat = 2 },
        [
            Row(IngestMode.Anchor, 100, 16, 1, 200_000),
            Row(IngestMode.Embedded, 100, 16, 1, 300_000),
            Row(IngestMode.Anchor, 100, 16, 2, 100_000),
            Row(IngestMode.Embedded, 100, 16, 2, 250_000),
            Row(IngestMode.Anchor, 100, 256, 1, 999_000),
        ]);

        IngestResult[] results = [.. report.Results];
        Assert.Equal(2, results.Length);
        Assert.Equal((200_000.0, 1.5), (results[0].AnchorSamplesPerSec!.Value, results[0].Ratio!.Value));
        Assert.Equal((100_000.0, 2.5), (results[1].AnchorSamplesPerSec!.Value, results[1].Ratio!.Value));
        Assert.Equal(2.0, report.Medians.Single().MedianRatio);
    }

    [Fact]
    public void A_run_whose_anchor_failed_has_no_ratio()
    {
        var report = new IngestReport(new IngestOptions(),
        [
            Row(IngestMode.Anchor, 10, 16, 1, 0) with { Status = "failed" },
            Row(IngestMode.Mosquitto, 10, 16, 1, 50_000),
        ]);

        Assert.Null(report.Results.Single().Ratio);
        Assert.Null(report.Medians.Single().MedianRatio);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, IngestReport.Median([4, 1, 2, 3]));
        Assert.Equal(3, IngestReport.Median([5, 3, 1]));
        Assert.Null(IngestReport.Median([]));
    }

    [Fact]
    public void The_table_marks_a_run_that_was_not_exact()
    {
        var report = new IngestReport(new IngestOptions(), [Row(IngestMode.Embedded, 10, 16, 1, 1000) with { Exact = false }]);
        Assert.Contains(" NO ", report.Table(), StringComparison.Ordinal);
    }

    private static IngestRow Row(string mode, int nodes, int batch, int repeat, double samplesPerSec) =>
        new() { Mode = mode, Nodes = nodes, BatchSamples = batch, Repeat = repeat, SamplesPerSec = samplesPerSec, Exact = true };
}
