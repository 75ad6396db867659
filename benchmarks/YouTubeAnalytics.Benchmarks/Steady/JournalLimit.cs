using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace YouTubeAnalytics.Benchmarks.Steady;

/// <summary>What the database takes when it is written the fastest plain ways, rows per second.</summary>
public sealed record LimitRun(int Rows, double CopySeconds, double InsertSeconds, int InsertRowsPerStatement)
{
    public double CopyPerSecond => Rows / CopySeconds;

    public double InsertPerSecond => Rows / InsertSeconds;
}

/// <summary>
/// The database's limit, measured on the journal itself: a table made <c>LIKE journal INCLUDING ALL</c> (the same
/// columns, keys, defaults and indexes), filled with the rows the run just persisted (the same serialized events,
/// repeated under other persistence ids up to <c>rows</c>), all read into memory before the clock. Then one binary
/// COPY of every row; then, into the emptied table, multi-row INSERTs of 100 rows a statement, one transaction each
/// (the journal's own batch shape).
/// </summary>
public static class JournalLimit
{
    public const int RowsPerInsert = 100;

    private sealed record Column(string Name, NpgsqlDbType Type);

    public static async Task<LimitRun> RunAsync(string connectionString, int rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand("CREATE TABLE journal_limit (LIKE journal INCLUDING ALL)", connection).ExecuteNonQueryAsync();
        var columns = await ColumnsAsync(connection);
        var data = await PrepareAsync(connection, columns, rows);

        var copy = Stopwatch.StartNew();
        await using (var import = await connection.BeginBinaryImportAsync(
                         $"COPY journal_limit ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in data)
            {
                await import.StartRowAsync();
                for (var i = 0; i < columns.Count; i++)
                {
                    if (row[i] is null)
                        await import.WriteNullAsync();
                    else
                        await import.WriteAsync(row[i], columns[i].Type);
                }
            }
            await import.CompleteAsync();
        }
        var copySeconds = copy.Elapsed.TotalSeconds;
        await new NpgsqlCommand("TRUNCATE journal_limit", connection).ExecuteNonQueryAsync();

        var sql = new StringBuilder($"INSERT INTO journal_limit ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ");
        for (var r = 0; r < RowsPerInsert; r++)
            sql.Append(r == 0 ? "" : ", ").Append('(').Append(string.Join(", ", columns.Select((_, i) => $"${r * columns.Count + i + 1}"))).Append(')');
        await using var insert = new NpgsqlCommand(sql.ToString(), connection);
        for (var r = 0; r < RowsPerInsert; r++)
            foreach (var c in columns)
                insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = c.Type });
        var full = data.Count / RowsPerInsert * RowsPerInsert;
        var insertWatch = Stopwatch.StartNew();
        for (var start = 0; start < full; start += RowsPerInsert)
        {
            for (var r = 0; r < RowsPerInsert; r++)
                for (var i = 0; i < columns.Count; i++)
                    insert.Parameters[r * columns.Count + i].Value = data[start + r][i] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync();
        }
        var insertSeconds = insertWatch.Elapsed.TotalSeconds * data.Count / full;
        await new NpgsqlCommand("DROP TABLE journal_limit", connection).ExecuteNonQueryAsync();
        return new LimitRun(data.Count, copySeconds, insertSeconds, RowsPerInsert);
    }

    /// <summary>Every column the journal's writer fills: all but the generated ordering.</summary>
    private static async Task<List<Column>> ColumnsAsync(NpgsqlConnection connection)
    {
        var columns = new List<Column>();
        await using var command = new NpgsqlCommand("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_name = 'journal' AND table_schema = current_schema() AND is_identity = 'NO'
              AND coalesce(column_default, '') NOT LIKE 'nextval%' ORDER BY ordinal_position
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(new Column(reader.GetString(0), reader.GetString(1) switch
            {
                "bigint" => NpgsqlDbType.Bigint,
                "integer" => NpgsqlDbType.Integer,
                "boolean" => NpgsqlDbType.Boolean,
                "bytea" => NpgsqlDbType.Bytea,
                "character varying" => NpgsqlDbType.Varchar,
                "text" => NpgsqlDbType.Text,
                var other => throw new NotSupportedException($"journal column {reader.GetString(0)} of type {other}"),
            }));
        }
        return columns;
    }

    /// <summary>The journal's sample rows, then copies of them under other persistence ids, up to <paramref name="rows"/>.</summary>
    private static async Task<List<object?[]>> PrepareAsync(NpgsqlConnection connection, List<Column> columns, int rows)
    {
        var source = new List<object?[]>();
        await using (var command = new NpgsqlCommand(
                         $"SELECT {string.Join(", ", columns.Select(c => c.Name))} FROM journal WHERE manifest = 'video.sample-recorded.v1' LIMIT {rows}",
                         connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                source.Add(Enumerable.Range(0, columns.Count).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }
        if (source.Count == 0)
            throw new InvalidOperationException("the journal holds no sample rows to copy");
        var pid = columns.FindIndex(c => c.Name == "persistence_id");
        var data = new List<object?[]>(rows);
        for (var copy = 0; data.Count < rows; copy++)
        {
            foreach (var row in source.Take(rows - data.Count))
            {
                var clone = (object?[])row.Clone();
                if (copy > 0)
                    clone[pid] = $"{row[pid]}-c{copy}";
                data.Add(clone);
            }
        }
        return data;
    }
}
