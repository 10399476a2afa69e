using MediaMonitor.Alerting.Activity;
using MediaMonitor.Operations.Tests.Monitoring;
using MediaMonitor.ServiceDefaults.Articles;
using Npgsql;

namespace MediaMonitor.Operations.Tests.History;

/// <summary>
/// deploy/local/replay.sh rebuild NAME against the five services running as real processes (the demo newsroom crawled,
/// tagged, deduplicated and alerted): a read model whose rows were lost comes back from the events, the services serving
/// meanwhile, and the script ends with its one summary line.
/// </summary>
public sealed partial class ReplayScriptTests
{
    [SkippableFact]
    public async Task Read_models_of_the_Api_and_of_Alerting_lost_rows_come_back_and_the_dedup_index_is_rebuilt_by_replay_sh()
    {
        await using var pipeline = await RunningPipeline.StartAsync();
        await using var db = new NpgsqlConnection(pipeline.ConnectionString);
        await db.OpenAsync();

        var articles = await TableAsync(db, "mt_doc_" + ArticleReadModel.Alias);
        var activity = await TableAsync(db, "mt_doc_" + RecentAlerts.DocumentAlias);
        var articleRows = await Eventually.Until(() => CountAsync(db, articles), n => n > 0, TimeSpan.FromSeconds(60), "the article read model's rows");
        var activityRows = await CountAsync(db, activity);
        Assert.True(activityRows > 0, "the run raised alerts, so alert activity has rows");
        await ExecuteAsync(db, $"delete from {articles}");
        await ExecuteAsync(db, $"delete from {activity}");

        var rebuiltArticles = Run(pipeline, "rebuild", "articles");
        Assert.Equal(0, rebuiltArticles.ExitCode);
        var summary = Summary(rebuiltArticles, "articles");
        Assert.True(summary.Events > 0, rebuiltArticles.Output);
        Assert.Equal(articleRows, await CountAsync(db, articles));
        // The Api and Alerting both project articles and one of them holds the shard: the script rebuilt it where it is
        // held, so Alerting rebuilds it on its own endpoint exactly when the Api did not (the Api then knows no rebuild).
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RunningPipeline.AdminKey);
        var inApi = (await http.GetAsync(new Uri(pipeline.Services["api"], "/api/rebuilds/articles"))).StatusCode == System.Net.HttpStatusCode.OK;
        var inAlerting = await http.PostAsync(new Uri(pipeline.Services["alerting"], "/admin/articles/rebuild"), null);
        Assert.Equal(inApi ? System.Net.HttpStatusCode.Conflict : System.Net.HttpStatusCode.OK, inAlerting.StatusCode);
        Assert.Equal(articleRows, await CountAsync(db, articles));

        var rebuiltActivity = Run(pipeline, "rebuild", "alert-activity");
        Assert.Equal(0, rebuiltActivity.ExitCode);
        Summary(rebuiltActivity, "alert-activity");
        Assert.Equal(activityRows, await CountAsync(db, activity));

        var rebuiltIndex = Run(pipeline, "rebuild", "dedup-index");
        Assert.Equal(0, rebuiltIndex.ExitCode);
        Assert.True(Summary(rebuiltIndex, "dedup-index").Events > 0, rebuiltIndex.Output);

        var unknown = Run(pipeline, "rebuild", "everything");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("one of: articles source-health alert-summaries notices alert-activity dedup-index", unknown.Output, StringComparison.Ordinal);
    }

    private static (long Events, int Seconds) Summary((int ExitCode, string Output) run, string name)
    {
        var last = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        var match = SummaryLine().Match(last);
        Assert.True(match.Success && match.Groups["name"].Value == name, $"the last line was: {last}{Environment.NewLine}{run.Output}");
        return (long.Parse(match.Groups["events"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups["secs"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static (int ExitCode, string Output) Run(RunningPipeline pipeline, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(SharedData.RepositoryRoot, "deploy/local/replay.sh"), .. arguments])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = SharedData.RepositoryRoot,
        };
        start.Environment["MM_API_URL"] = pipeline.Services["api"].ToString().TrimEnd('/');
        start.Environment["MM_ADMIN_KEY"] = RunningPipeline.AdminKey;
        start.Environment["MM_ALERTING_URL"] = pipeline.Services["alerting"].ToString().TrimEnd('/');
        start.Environment["MM_DEDUP_URL"] = pipeline.Services["deduplication"].ToString().TrimEnd('/');
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "replay.sh did not finish within 3 minutes");
        return (process.ExitCode, stderr.Result + stdout);
    }

    private static async Task<string> TableAsync(NpgsqlConnection db, string table)
    {
        await using var command = new NpgsqlCommand("select table_schema from information_schema.tables where table_name = @t", db);
        command.Parameters.AddWithValue("t", table);
        var schema = await command.ExecuteScalarAsync() as string;
        Assert.True(schema is not null, $"no table {table}");
        return $"{schema}.{table}";
    }

    private static async Task<long> CountAsync(NpgsqlConnection db, string table)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {table}", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"^rebuild: name=(?<name>[a-z-]+) state=completed events=(?<events>\d+) secs=(?<secs>\d+)$")]
    private static partial Regex SummaryLine();
}
