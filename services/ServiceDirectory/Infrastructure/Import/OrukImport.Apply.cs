using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Import;

/// <summary>An accepted record written onto the directory's entities, and the small readers the import shares.</summary>
public sealed partial class OrukImport
{
    private static void Apply(OrganizationInput input, Organization organization)
    {
        organization.Name = input.Name!.Trim();
        organization.Description = input.Description ?? "";
        organization.Email = input.Email;
        organization.Website = input.Website;
        organization.Uri = input.Uri;
    }

    private void Apply(LocationInput input, Location location)
    {
        location.LocationType = input.LocationType ?? "physical";
        location.Name = input.Name;
        location.Description = input.Description;
        // A position off the Earth is kept as sent (the record's source) but not used for distance.
        var usable = OrukRecordChecks.UsablePosition(input);
        location.Latitude = usable ? input.Latitude : null;
        location.Longitude = usable ? input.Longitude : null;
        db.AddRange((input.Addresses ?? []).Select(a => new Address
        {
            Id = a.Id, LocationId = input.Id, Address1 = a.Address1 ?? "", City = a.City ?? "", Region = a.Region,
            StateProvince = a.StateProvince ?? "", PostalCode = a.PostalCode ?? "", Country = a.Country ?? "GB", AddressType = a.AddressType ?? "physical",
        }));
        db.AddRange((input.Accessibility ?? []).Select(a => new Accessibility { Id = a.Id, LocationId = input.Id, Description = a.Description ?? "", Details = a.Details }));
    }

    private void Apply(ServiceInput input, Service service, List<TaxonomyTerm> terms, DateTimeOffset now)
    {
        service.OrganizationId = input.Organization?.Id ?? input.OrganizationId!.Value;
        service.Name = input.Name!.Trim();
        service.Description = input.Description;
        service.Url = input.Url;
        service.Email = input.Email;
        service.Status = input.Status!;
        service.Fees = input.Fees;
        service.Accreditations = input.Accreditations;
        service.MinimumAge = (int?)input.MinimumAge;
        service.MaximumAge = (int?)input.MaximumAge;
        service.AssuredDate = input.AssuredDate is { } assured ? DateOnly.ParseExact(assured, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        service.AssurerEmail = input.AssurerEmail;
        service.Alert = input.Alert;
        service.LastModified = now;
        if (input.Capacity is not null)
        {
            // Places already taken stay taken; "maximum": null: the service no longer says how many places it has.
            // (No capacity at all leaves it as it was.)
            service.SetPlaces(input.Capacity.Maximum);
        }

        var id = input.Id;
        // Attributes that name none of the directory's needs are kept in the record's source (and as unmapped terms).
        db.AddRange((input.Attributes ?? []).Select(a => (a.Id, Term: Resolve(a, terms))).Where(x => x.Term is not null).DistinctBy(x => x.Term!.Id)
            .Select(x => new ServiceAttribute { Id = x.Id, ServiceId = id, TaxonomyTermId = x.Term!.Id }));
        db.AddRange((input.Schedules ?? []).Select(x => new Schedule
        {
            Id = x.Id, ServiceId = id, Freq = x.Freq ?? "WEEKLY", Interval = (int)(x.Interval ?? 1),
            ByDay = string.Join(',', (x.Byday ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => d.ToUpperInvariant())),
            OpensAt = ReadTime(x.OpensAt, out _), ClosesAt = ReadTime(x.ClosesAt, out _), Description = x.Description, AttendingType = x.AttendingType,
        }));
        db.AddRange((input.ServiceAreas ?? []).Select(x => new ServiceArea { Id = x.Id, ServiceId = id, Name = x.Name ?? "", Extent = x.Extent, ExtentType = x.ExtentType }));
        db.AddRange((input.Languages ?? []).Where(x => !string.IsNullOrWhiteSpace(x.Name) || !string.IsNullOrWhiteSpace(x.Code)).Select(x => new Language { Id = x.Id, ServiceId = id, Name = x.Name ?? "", Code = x.Code ?? "", Note = x.Note }));
        db.AddRange((input.CostOptions ?? []).Select(x => new CostOption { Id = x.Id, ServiceId = id, Option = x.Option, Amount = x.Amount, AmountDescription = x.AmountDescription }));
        db.AddRange((input.Contacts ?? []).Select(x => new Contact
        {
            Id = x.Id, ServiceId = id, Name = x.Name ?? "", Title = x.Title, Email = x.Email,
            Phones = [.. (x.Phones ?? []).Select(p => new Phone { Id = p.Id, ContactId = x.Id, Number = p.Number ?? "", Type = p.Type, Description = p.Description })],
        }));
        db.AddRange((input.ServiceAtLocations ?? []).Where(x => x.Location is not null || x.LocationId is not null).Select(x => new ServiceAtLocation
        {
            Id = x.Id, ServiceId = id, LocationId = x.Location?.Id ?? x.LocationId!.Value, Description = x.Description,
        }));
    }

    /// <summary>HH:MM or HH:MM:SS, with ORUK's optional zone (Z or ±HH:MM) set aside: times are the service's local time.</summary>
    internal static TimeOnly? ReadTime(string? text, out bool ok)
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var local = text.Trim().TrimEnd('Z', 'z');
        if (local.Length > 5 && local[^6] is '+' or '-')
        {
            local = local[..^6];
        }

        if (TimeOnly.TryParseExact(local, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        ok = false;
        return null;
    }

    private static Guid? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.TryGetGuid(out var guid) ? guid : null;

    private static string? NameOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString() is { Length: > 200 } long_ ? long_[..200] : name.GetString()
            : null;
}
