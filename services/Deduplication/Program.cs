using MediaMonitor.Deduplication;
using MediaMonitor.ServiceDefaults;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDeduplication();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeduplication();
await app.RunAsync();
return 0;
