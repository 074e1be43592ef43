using Edge.Gateway.Core.Learning;
using Edge.Protocol;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Core.Storage;

/// <summary>
/// The learner's view of the store: every flow's committed samples, one value a step (the simulator and the boards
/// record one sample per flow per step), read back from the committed batches, newest last.
/// </summary>
internal sealed class CommittedHistory(GatewayDatabase database) : IFlowHistory
{
    public IReadOnlyList<int> Flows
    {
        get
        {
            using SqliteConnection connection = database.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT flow FROM flows ORDER BY flow";
            using SqliteDataReader reader = command.ExecuteReader();
            var flows = new List<int>();
            while (reader.Read())
            {
                flows.Add(reader.GetInt32(0));
            }

            return flows;
        }
    }

    public long Length(int flow)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT next_sequence FROM flows WHERE flow = $flow";
        command.Parameters.AddWithValue("$flow", flow);
        return command.ExecuteScalar() is long next ? next : 0;
    }

    public double[] Recent(int flow, int steps)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM batches WHERE flow = $flow ORDER BY first_sequence DESC";
        command.Parameters.AddWithValue("$flow", flow);
        using SqliteDataReader reader = command.ExecuteReader();
        var batches = new List<double[]>();
        int total = 0;
        var batch = new DataBatch();
        while (total < steps && reader.Read())
        {
            byte[] payload = (byte[])reader[0];
            if (DataBatchCodec.Decode(payload, 0, payload.Length, batch) != ProtocolError.None)
            {
                continue;
            }

            batches.Add(batch.Values[..batch.Count]);
            total += batch.Count;
        }

        var values = new List<double>(Math.Min(total, steps));
        for (int b = batches.Count - 1; b >= 0; b--)
        {
            values.AddRange(batches[b]);
        }

        return [.. values.Skip(Math.Max(0, values.Count - steps))];
    }
}
