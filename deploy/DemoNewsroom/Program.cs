using MediaMonitor.DemoNewsroom;

// The demo newsroom as a process (deploy/local/up.sh): --urls http://127.0.0.1:PORT, default http://127.0.0.1:55430.
var urls = "http://127.0.0.1:55430";
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--urls")
    {
        urls = args[i + 1];
    }
}

await using var server = await NewsroomServer.StartAsync(NewsroomContent.CreateRecent(TimeProvider.System), urls);
Console.WriteLine($"Demo newsroom on {server.BaseAddress}");
foreach (var feed in server.FeedUrls)
{
    Console.WriteLine($"Feed: {feed}");
}

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
