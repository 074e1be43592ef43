using Edge.Gateway.Core.Flows;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Storage;

/// <summary>Reloads every flow's committed position at startup: replays of acked batches become duplicates.</summary>
internal static class FlowStateReader
{
    public static IReadOnlyList<FlowSequence> Load(GatewayDatabase database)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT flow, next_sequence, sample_count, value_sum, last_node FROM flows";
        using SqliteDataReader reader = command.ExecuteReader();
        var flows = new List<FlowSequence>();
        while (reader.Read())
        {
            flows.Add(new FlowSequence(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3))
            {
                LastNode = reader.IsDBNull(4) ? null : reader.GetString(4),
            });
        }

        return flows;
    }
}
