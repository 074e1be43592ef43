using System.Security.Cryptography;
using System.Text;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Mqtt.Security;

namespace Edge.Gateway.Api;

/// <summary>
/// What an operator may change on a running gateway. Every call needs the operator token, a random secret made at
/// first start next to the database (<c>{db}.operator-token</c>, owner-only): reaching 127.0.0.1 is not enough,
/// since any local process can. The token is sent as <c>Authorization: Bearer {token}</c>.
/// </summary>
internal static partial class OperatorApi
{
    public static string TokenPathFor(string databasePath) => Path.ChangeExtension(Path.GetFullPath(databasePath), ".operator-token");

    public static void MapOperatorApi(this WebApplication app, string databasePath)
    {
        string path = TokenPathFor(databasePath);
        byte[] token = Encoding.UTF8.GetBytes(GatewaySecret.LoadOrCreate(path));
        LogToken(app.Logger, path);
        app.MapPost("/api/nodes/{node}/quarantine/lift", async (string node, HttpRequest request, GatewayRuntime runtime, CancellationToken cancellationToken) =>
        {
            if (!Authorized(request, token))
            {
                return Results.Json(new { error = "operator token required (Authorization: Bearer, from " + Path.GetFileName(path) + ")" },
                    statusCode: StatusCodes.Status401Unauthorized);
            }

            bool lifted = await runtime.LiftQuarantineAsync(node, cancellationToken).ConfigureAwait(false);
            return lifted ? Results.Ok(new { node, lifted }) : Results.NotFound(new { node, lifted, error = "not quarantined" });
        });
    }

    private static bool Authorized(HttpRequest request, byte[] token)
    {
        string? header = request.Headers.Authorization;
        const string Scheme = "Bearer ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), token);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator API (POST /api/nodes/{{node}}/quarantine/lift) needs the token in {Path}")]
    private static partial void LogToken(ILogger logger, string path);
}
