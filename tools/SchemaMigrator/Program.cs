using MediaMonitor.SchemaMigrator;

using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
var log = loggers.CreateLogger("MediaMonitor.SchemaMigrator");
try
{
    await SchemaMigration.ApplyAsync(args, null, log, CancellationToken.None);
    log.LogInformation("Schema up to date");
    return 0;
}
catch (Exception ex)
{
    log.LogError(ex, "Schema migration failed: {Reason}", ex.Message);
    return 1;
}
