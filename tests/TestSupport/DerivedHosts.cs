using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SocialPrescribing.TestSupport;

/// <summary>
/// A second copy of a service made for one test (<c>factory.WithWebHostBuilder(...)</c>) joins the same queues. Stopping
/// it while its bus is still starting (slow on a busy machine) leaves that bus running on a disposed service provider:
/// a copy that takes the queues' messages and fails every one, so the first copy never sees them. Such a copy is
/// stopped only once its bus has started.
/// </summary>
public static class DerivedHosts
{
    /// <summary>Waits (up to a minute) until the host's bus is connected and consuming.</summary>
    public static async Task BusStartedAsync<TProgram>(this WebApplicationFactory<TProgram> host)
        where TProgram : class
    {
        ArgumentNullException.ThrowIfNull(host);
        var bus = host.Services.GetRequiredService<IBusControl>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The test's copy of the service did not connect its bus within a minute.");
            }

            await Task.Delay(100);
        }
    }
}
