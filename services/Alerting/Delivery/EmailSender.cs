using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MediaMonitor.Alerting.Delivery;

/// <summary>Sends one e-mail over SMTP (Alerting__Smtp__...); the outcome says whether the server took it and, if not, why.</summary>
public sealed class EmailSender(IOptions<AlertingOptions> options, TimeProvider clock)
{
    /// <summary>Why e-mail cannot be sent at all, or null when an SMTP server is configured.</summary>
    public string? NotConfigured()
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return "no SMTP server is configured (Alerting__Smtp__Host)";
        }

        return MailboxAddress.TryParse(smtp.From, out _) ? null : $"the sender address '{smtp.From}' (Alerting__Smtp__From) is not valid";
    }

    public async Task<(bool Delivered, string? Reason)> SendAsync(string to, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var from = MailboxAddress.Parse(smtp.From);
        var domain = string.IsNullOrWhiteSpace(smtp.MessageIdDomain) ? from.Domain : smtp.MessageIdDomain;
        var email = EmailMessage.Build(message, from, to, domain, clock.GetUtcNow());
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(options.Value.Delivery.TimeoutSeconds).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(email, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return (true, null);
        }
        catch (SmtpCommandException e)
        {
            return (false, $"the SMTP server answered {(int)e.StatusCode}: {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or TimeoutException or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException
                                      or ServiceNotConnectedException or ServiceNotAuthenticatedException or SslHandshakeException)
        {
            return (false, $"the SMTP server {smtp.Host}:{smtp.Port} could not be used: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"the SMTP server did not answer within {options.Value.Delivery.TimeoutSeconds} s");
        }
    }
}
