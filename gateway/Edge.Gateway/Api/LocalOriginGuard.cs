namespace Edge.Gateway.Api;

/// <summary>
/// The HTTP port listens on 127.0.0.1 only, but a browser on this machine can still be made to call it: a page
/// that rebinds its DNS name to 127.0.0.1 (its requests then carry its own Host), or a cross-site form POST. So
/// every request must name this machine in Host, and a request that changes something must not come from
/// another origin. Requests without an Origin header (curl, Prometheus) are not from a browser page and pass.
/// </summary>
internal static class LocalOriginGuard
{
    /// <summary><paramref name="scheme"/>: http, or https when the gateway serves TLS (a page's Origin then says https).</summary>
    public static void UseLocalOriginGuard(this WebApplication app, string scheme, int port)
    {
        string[] hosts = ["127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port];
        string[] origins = [.. hosts.Select(h => scheme + "://" + h)];
        app.Use(async (context, next) =>
        {
            HttpRequest request = context.Request;
            if (!hosts.Contains(request.Host.Value, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                await context.Response.WriteAsync("host not served here\n").ConfigureAwait(false);
                return;
            }

            bool changes = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
            string? origin = request.Headers.Origin;
            if (changes && ((origin is not null && !origins.Contains(origin, StringComparer.OrdinalIgnoreCase))
                || string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("cross-origin request refused\n").ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }
}
