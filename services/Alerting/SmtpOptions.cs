using MailKit.Security;

namespace MediaMonitor.Alerting;

/// <summary>The SMTP server e-mail alerts and digests go through (Alerting__Smtp__...); see docs/config/Alerting.md.</summary>
public sealed class SmtpOptions
{
    /// <summary>Empty: the e-mail channel is off and e-mail deliveries are dead-lettered with that reason.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "MediaMonitor <alerts@mediamonitor.invalid>";

    /// <summary>The domain of Message-IDs (default: the From address's domain).</summary>
    public string? MessageIdDomain { get; set; }
}
