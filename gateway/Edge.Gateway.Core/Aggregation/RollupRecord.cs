using Edge.Protocol;

namespace Edge.Gateway.Core.Aggregation;

/// <summary>A closed window's statistics for one flow, or for the fleet when Flow is -1.</summary>
internal sealed record RollupRecord(
    string Window, int Flow, long StartMs, long EndMs, long Count, double Sum, double Min, double Max, double Mean,
    double P50, double P90, double P99)
{
    public const int Fleet = -1;

    /// <summary>A row of either store's rollups query, whose columns are in this record's order (window first).</summary>
    public static RollupRecord Read(System.Data.Common.DbDataReader reader) =>
        new(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5),
            reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10), reader.GetDouble(11));

    /// <summary>The protocol's JSON form, as published on the rollup topics and kept in the dead-letter table.</summary>
    public byte[] ToJson()
    {
        var message = new RollupMessage
        {
            Window = Window, Flow = Flow, StartMs = StartMs, EndMs = EndMs, Count = Count, Sum = Sum,
            Min = Min, Max = Max, Mean = Mean, P50 = P50, P90 = P90, P99 = P99,
        };
        var writer = new JsonWriter(1024);
        JsonCodec.Encode(message, writer);
        return writer.ToArray();
    }

    public static RollupRecord? FromJson(byte[] json)
    {
        var message = new RollupMessage();
        if (JsonCodec.Decode(message, new JsonReader(), json, 0, json.Length) != ProtocolError.None)
        {
            return null;
        }

        return new RollupRecord(message.Window, message.Flow, message.StartMs, message.EndMs, message.Count,
            message.Sum, message.Min, message.Max, message.Mean, message.P50, message.P90, message.P99);
    }
}
