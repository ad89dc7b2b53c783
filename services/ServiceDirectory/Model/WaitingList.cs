namespace SocialPrescribing.ServiceDirectory.Model;

/// <summary>
/// When a request waits its turn, and how many in line a service can offer places to. First come,
/// first served: once anyone is waiting, newcomers join behind them even if a place is free.
/// </summary>
public static class WaitingList
{
    public const string Full = "full";
    public const string Paused = "paused";

    /// <summary>
    /// Why a new request to <paramref name="service"/> must wait (<see cref="Paused"/> or <see cref="Full"/>), or null
    /// when it goes straight to the provider. <paramref name="offersOpen"/>: places offered from the list and not yet answered.
    /// </summary>
    public static string? WhyWait(Service service, int waiting, int offersOpen)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.ReferralsPaused)
        {
            return Paused;
        }

        return waiting > 0 || FreeForList(service, offersOpen) <= 0 ? Full : null;
    }

    /// <summary>How many of those waiting may be offered a place now (never below none).</summary>
    public static int PlacesToOffer(Service service, int waiting, int offersOpen)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.ReferralsPaused ? 0 : Math.Clamp(FreeForList(service, offersOpen), 0, waiting);
    }

    // Free places less those already offered; unknown capacity (no places given) is never full.
    private static int FreeForList(Service service, int offersOpen) =>
        service.CapacityAvailable is { } free ? free - offersOpen : int.MaxValue;
}
