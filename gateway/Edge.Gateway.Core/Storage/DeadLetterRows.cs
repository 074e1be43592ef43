using System.Data.Common;
using System.Text;
using Edge.Gateway.Core.Aggregation;

namespace Edge.Gateway.Core.Storage;

/// <summary>Both stores' dead-letter query, `SELECT id, payload`: rows whose payload no longer parses are skipped.</summary>
internal static class DeadLetterRows
{
    public static IReadOnlyList<(long Id, RollupRecord Record)> Read(DbDataReader reader)
    {
        var letters = new List<(long, RollupRecord)>();
        while (reader.Read())
        {
            if (RollupRecord.FromJson(Encoding.UTF8.GetBytes(reader.GetString(1))) is { } record)
            {
                letters.Add((reader.GetInt64(0), record));
            }
        }

        return letters;
    }
}
