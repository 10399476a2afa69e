using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MediaMonitor.ServiceDefaults.Secrets;

public static class SecretsExtensions
{
    /// <summary>
    /// The <see cref="SecretSealer"/> on Secrets:Key, for the services that read or write delivery secrets (Api, Alerting);
    /// the host refuses to start without a usable key.
    /// </summary>
    public static IHostApplicationBuilder AddDeliverySecrets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecretsOptions>().Bind(builder.Configuration.GetSection(SecretsOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidation>();
        builder.Services.AddSingleton(sp =>
        {
            var (key, error) = sp.GetRequiredService<IOptions<SecretsOptions>>().Value.KeyBytes();
            return new SecretSealer(key ?? throw new OptionsValidationException(SecretsOptions.Section, typeof(SecretsOptions), [error!]));
        });
        return builder;
    }
}
