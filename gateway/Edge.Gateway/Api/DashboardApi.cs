using System.Runtime.CompilerServices;
using Edge.Gateway.Core.Queries;
using Microsoft.Extensions.FileProviders;

namespace Edge.Gateway.Api;

/// <summary>
/// The fleet dashboard: the page and Chart.js from the build output's wwwroot (the csproj copies them there, so
/// the page works whatever the working directory), and GET /api/stream, one JSON snapshot a second as Server-Sent
/// Events, so the page never polls; GET /api/history, the last five minutes the charts open with.
/// </summary>
internal static class DashboardApi
{
    public static void MapDashboard(this WebApplication app)
    {
        string root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(root))
        {
            var files = new PhysicalFileProvider(root);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.MapGet("/api/history", (DashboardHistory history) => history.Snapshot());
        app.MapGet("/api/stream", (GatewayQueries queries, DashboardHistory history, DashboardStreams streams, CancellationToken cancellationToken) =>
            streams.TryOpen()
                ? TypedResults.ServerSentEvents(Snapshots(queries, history, streams, cancellationToken), "snapshot")
                : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
    }

    /// <summary>The history's frame of this second; the first frame of a gateway just started is built here.</summary>
    private static async IAsyncEnumerable<DashboardSnapshot> Snapshots(
        GatewayQueries queries, DashboardHistory history, DashboardStreams streams, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The slot is released however the stream ends: client gone (the request is aborted) or gateway stopping.
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            do
            {
                yield return history.Latest is { } latest
                    ? latest with { Streams = streams.Open }
                    : await queries.DashboardAsync(streams.Open, cancellationToken).ConfigureAwait(false);
            }
            while (await Ticked(timer, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            streams.Close();
        }
    }

    private static async Task<bool> Ticked(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
