using System.Net.Http.Headers;
using System.Text;
using Edge.Gateway.Core.Aggregation;

namespace Edge.Gateway.Core.Sinks;

/// <summary>POSTs each group of rollups as a JSON array of the protocol's rollup objects; non-2xx throws.</summary>
internal sealed class WebhookSink(HttpClient http, Uri url) : ISink
{
    public string Name => "webhook";

    public async Task WriteAsync(IReadOnlyList<RollupRecord> records, CancellationToken cancellationToken)
    {
        var body = new StringBuilder("[");
        for (int i = 0; i < records.Count; i++)
        {
            body.Append(i == 0 ? "" : ",").Append(Encoding.UTF8.GetString(records[i].ToJson()));
        }

        using var content = new StringContent(body.Append(']').ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        using HttpResponseMessage response = await http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
