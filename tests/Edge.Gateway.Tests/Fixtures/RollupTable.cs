using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>Reads what the SQLite sink stored, from a second connection (WAL lets it read while the gateway writes).</summary>
internal static class RollupTable
{
    public static (long Count, double Sum) Totals(string db, string window, int flow)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(count),0), COALESCE(SUM(sum),0) FROM rollups WHERE window = $w AND flow = $f";
        command.Parameters.AddWithValue("$w", window);
        command.Parameters.AddWithValue("$f", flow);
        using SqliteDataReader reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetDouble(1));
    }
}
