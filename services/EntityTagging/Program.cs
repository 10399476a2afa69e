using MediaMonitor.EntityTagging;
using MediaMonitor.ServiceDefaults;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddEntityTagging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEntityTagging();
await app.RunAsync();
return 0;
