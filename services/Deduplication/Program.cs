using MediaMonitor.Deduplication;
using MediaMonitor.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddDeduplication();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeduplication();
app.Run();
