using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace MediaMonitor.Crawler.Replicas;

/// <summary>
/// The two small tables the Crawler replicas share sources through, created with the Marten schema: one row per live
/// replica (a heartbeat) and one lease per lease key, a source's origin (owner and expiry).
/// </summary>
public static class LeaseTables
{
    public const string Replicas = "mm_crawler_replicas";
    public const string Leases = "mm_crawler_leases";

    public static void AddTo(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var replicas = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Replicas, SchemaUtils.IdentifierUsage.General));
        replicas.AddColumn("owner", "text").AsPrimaryKey();
        replicas.AddColumn("expires_at", "timestamptz").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(replicas);

        var leases = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Leases, SchemaUtils.IdentifierUsage.General));
        leases.AddColumn("lease_key", "uuid").AsPrimaryKey();
        leases.AddColumn("owner", "text").NotNull();
        leases.AddColumn("expires_at", "timestamptz").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(leases);
    }

    /// <summary>The schema-qualified name of a table, as Marten created it.</summary>
    public static string Qualified(IDocumentStore store, string table)
    {
        ArgumentNullException.ThrowIfNull(store);
        return $"{store.Options.DatabaseSchemaName}.{table}";
    }
}
