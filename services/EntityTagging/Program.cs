using MediaMonitor.EntityTagging;
using MediaMonitor.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddEntityTagging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEntityTagging();
app.Run();
