using MediaMonitor.Crawler;
using MediaMonitor.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrawler();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCrawler();
app.Run();
