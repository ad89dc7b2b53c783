using SocialPrescribing.Geography;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Seed;

/// <summary>
/// A realistic demonstration directory for development: community services across several Yorkshire
/// towns (real postcode districts), every need covered, made from a fixed random seed so every
/// developer sees the same directory. Only names, places and timetables are invented; contact
/// details use Ofcom's drama numbers and example.org addresses.
/// </summary>
public static class DemoDirectory
{
    public const int Seed = 20_261_126;

    /// <summary>
    /// The first organisation (Leeds Community Connect) keeps this id, so the development user
    /// <c>provider</c> (Identity's seed) works for it.
    /// </summary>
    public static readonly Guid FirstOrganizationId = Guid.Parse("32420dc8-7226-5772-8370-30b01dc616dc");

    /// <summary>The second organisation keeps this id: the development user <c>provider2</c> works for it.</summary>
    public static readonly Guid SecondOrganizationId = Guid.Parse("7d1e5a39-0c4b-4f2e-a6d8-5b9c3e1f2a47");

    private static readonly Town[] Towns =
    [
        new("Leeds", "West Yorkshire", "0113 496 0", ["LS1", "LS2", "LS6", "LS7", "LS8", "LS9", "LS11", "LS12"]),
        new("Bradford", "West Yorkshire", "01632 960", ["BD1", "BD3", "BD5", "BD7", "BD8"]),
        new("Wakefield", "West Yorkshire", "01632 960", ["WF1", "WF2"]),
        new("Huddersfield", "West Yorkshire", "01632 960", ["HD1", "HD2"]),
        new("Halifax", "West Yorkshire", "01632 960", ["HX1"]),
        new("York", "North Yorkshire", "01904 960", ["YO1", "YO10", "YO24"]),
        new("Sheffield", "South Yorkshire", "0114 496 0", ["S1", "S2", "S6", "S10"]),
        new("Harrogate", "North Yorkshire", "01632 960", ["HG1"]),
    ];

    private static readonly string[] Streets =
    [
        "Market Street", "Church Lane", "Park Road", "Victoria Road", "Station Road", "High Street", "Mill Lane",
        "Chapel Street", "Queen Street", "North Street", "Albion Street", "Clarence Road", "Water Lane", "Town Street",
    ];

    private static readonly string[] Venues =
    [
        "Community Centre", "Library", "Methodist Hall", "Neighbourhood Hub", "Leisure Centre", "Parish Rooms",
        "Arts Centre", "Family Hub", "Youth Centre", "Community Garden",
    ];

    /// <summary>Organisation kinds: each runs services for the needs it names.</summary>
    private static readonly OrganisationKind[] Kinds =
    [
        new("{0} Community Connect", "A local charity helping people find company, activity and support close to home.", ["loneliness", "physical-activity", "arts-culture", "food", "other"]),
        new("{0} Mind", "Local mental health charity offering groups, courses and peer support.", ["mental-wellbeing", "bereavement", "loneliness"]),
        new("Age UK {0}", "Support, activities and advice for older people and their families.", ["loneliness", "money", "digital-skills", "physical-activity"]),
        new("Citizens Advice {0}", "Free, independent and confidential advice on money, debt, housing, work and benefits.", ["money", "debt", "housing", "employment", "other"]),
        new("{0} Carers Centre", "Information, breaks and groups for unpaid carers of all ages.", ["carers", "bereavement", "mental-wellbeing"]),
        new("{0} Volunteer Centre", "Matching people with volunteering, training and routes into work.", ["employment", "learning", "nature"]),
        new("{0} Green Spaces Trust", "Gardening, conservation and outdoor activity for everyone.", ["nature", "physical-activity", "food"]),
        new("{0} Adult Learning", "Free and low-cost courses for adults: skills, languages, getting online.", ["learning", "digital-skills", "arts-culture", "employment"]),
    ];

    /// <summary>What a service of each need looks like (name, description, ages, price, how often).</summary>
    private static readonly ServiceTemplate[] Templates =
    [
        new("loneliness", "Friendship Café", "A relaxed weekly café for anyone who would like company and a chat. Volunteers welcome you at the door.", 18, null, "Free; drinks 50p"),
        new("loneliness", "Men's Shed", "A workshop where men meet, make and mend things together. No experience needed; tools and tea provided.", 18, null, "£2 a session"),
        new("loneliness", "Knit and Natter", "Bring your knitting or crochet, or learn from the group. Yarn and needles to borrow.", 16, null, "Free"),
        new("loneliness", "Lunch Club", "A hot two-course lunch and good company for older people. Transport can be arranged.", 60, null, "£4.50 a meal"),
        new("loneliness", "Telephone Befriending", "A friendly volunteer calls you every week for a chat, at a time that suits you.", 50, null, "Free"),
        new("mental-wellbeing", "Wellbeing Walk and Talk", "A gentle walk with a trained peer supporter, talking about whatever is on your mind.", 18, null, "Free"),
        new("mental-wellbeing", "Mindfulness Group", "An eight-week course in simple mindfulness practices to manage stress and low mood.", 18, null, "Free"),
        new("mental-wellbeing", "Peer Support Circle", "A safe space to share experiences of anxiety and low mood with people who understand.", 18, null, "Free"),
        new("mental-wellbeing", "Stress Less Course", "Practical tools for worry, sleep and stress in a friendly six-week class.", 16, null, "Free"),
        new("physical-activity", "Walking for Health", "Short, sociable walks led by trained walk leaders. Go at your own pace.", 18, null, "Free"),
        new("physical-activity", "Chair Yoga", "Gentle seated yoga to improve strength, balance and flexibility.", 50, null, "£3 a class"),
        new("physical-activity", "Walking Football", "Football without running, for all abilities. Great for fitness and friendship.", 40, null, "£3 a session"),
        new("physical-activity", "Tai Chi for Balance", "Slow, flowing movements that help prevent falls and ease stiffness.", 55, null, "£2.50 a class"),
        new("money", "Benefits Advice Drop-in", "Check you are getting everything you are entitled to, with help to apply.", 16, null, "Free"),
        new("money", "Pension Credit Check", "A one-to-one check for Pension Credit, Attendance Allowance and other help.", 60, null, "Free"),
        new("money", "Energy Bills Advice", "Help with energy debt, grants, warm home discounts and switching.", 18, null, "Free"),
        new("debt", "Debt Advice Clinic", "Confidential debt advice: budgeting, priority debts and dealing with creditors.", 18, null, "Free"),
        new("debt", "Money Coaching", "Six one-to-one sessions to build a budget that works and keep on top of bills.", 18, null, "Free"),
        new("housing", "Housing Options Advice", "Advice if you are worried about losing your home, repairs or your tenancy.", 16, null, "Free"),
        new("housing", "Tenancy Support", "A support worker helps you settle into and keep a new home.", 18, null, "Free"),
        new("employment", "Job Club", "CVs, applications and interview practice with a friendly coach. Computers available.", 16, null, "Free"),
        new("employment", "Volunteering Taster", "Try volunteering in a local project with a buddy before you commit.", 16, null, "Free"),
        new("carers", "Carers' Café", "Time out for unpaid carers: a cuppa, a chat, and information that helps.", 18, null, "Free"),
        new("carers", "Young Carers Club", "Fun activities and a break for young people who look after someone at home.", 8, 17, "Free"),
        new("carers", "Carers' Relaxation Morning", "Massage, crafts and calm for carers, with cover available for the person you care for.", 18, null, "Free"),
        new("bereavement", "Bereavement Support Group", "Meet others who have lost someone close, with trained volunteers.", 18, null, "Free"),
        new("bereavement", "Bereavement Drop-in", "Come and talk to someone about grief, in confidence, no appointment needed.", 16, null, "Free"),
        new("arts-culture", "Community Choir", "Sing for fun. No auditions, no need to read music.", 16, null, "£2 a session"),
        new("arts-culture", "Art Group", "Paint, draw and make with a friendly tutor. Materials provided.", 18, null, "£3 a session"),
        new("arts-culture", "Creative Writing Circle", "Write stories, poems and memories together, and share if you want to.", 16, null, "Free"),
        new("nature", "Allotment Growing Club", "Grow fruit and vegetables on a shared allotment. Tools, seeds and advice provided.", 16, null, "Free"),
        new("nature", "Green Gym", "Outdoor conservation work that keeps you active: planting, paths and hedges.", 16, null, "Free"),
        new("nature", "Nature Walk and Wildlife Group", "Guided walks spotting birds, plants and wildlife in local green spaces.", 8, null, "Free"),
        new("learning", "English Conversation Club", "Practise speaking English in a relaxed group. All levels welcome.", 16, null, "Free"),
        new("learning", "Adult Learning Taster", "Try a short course: cooking, first aid, photography or local history.", 19, null, "Free"),
        new("food", "Community Pantry", "Choose a bag of food for a small weekly membership. Fresh fruit and vegetables.", 18, null, "£4 a week"),
        new("food", "Cook and Eat", "Cook a simple healthy meal together on a budget, then eat it together.", 16, null, "£1 a session"),
        new("digital-skills", "Get Online Sessions", "One-to-one help with phones, tablets, email and NHS App.", 16, null, "Free"),
        new("digital-skills", "Tablet Lending", "Borrow a tablet with data for three months, with lessons to get started.", 18, null, "Free"),
        new("other", "Community Advice Drop-in", "Not sure where to start? Talk to an adviser who can point you to the right help.", 16, null, "Free"),
    ];

    private static readonly (string Description, string Details)[] AccessOptions =
    [
        ("Step-free access", "Level entrance and a lift to every floor."),
        ("Hearing loop", "Switch hearing aid to the T setting at the reception desk and in the main room."),
        ("Accessible toilet", "On the ground floor."),
        ("Parking for Blue Badge holders", "Two spaces by the entrance."),
        ("Quiet room", "Ask a volunteer if you need somewhere calm."),
    ];

    private static readonly (string Name, string Code)[] SecondLanguages =
    [
        ("Urdu", "ur"), ("Polish", "pl"), ("Punjabi", "pa"), ("Arabic", "ar"), ("British Sign Language", "bfi"),
    ];

    private static readonly (string Days, TimeOnly Opens, TimeOnly Closes, string Words)[] Timetables =
    [
        ("MO", new(10, 0), new(12, 0), "Mondays 10am to 12 noon"),
        ("TU", new(13, 30), new(15, 30), "Tuesdays 1:30pm to 3:30pm"),
        ("WE", new(10, 0), new(12, 0), "Wednesdays 10am to 12 noon"),
        ("TH", new(18, 0), new(20, 0), "Thursday evenings 6pm to 8pm"),
        ("FR", new(10, 30), new(12, 30), "Fridays 10:30am to 12:30pm"),
        ("SA", new(10, 0), new(13, 0), "Saturdays 10am to 1pm"),
        ("MO,TU,WE,TH,FR", new(9, 30), new(16, 30), "Weekdays 9:30am to 4:30pm"),
        ("TU,TH", new(10, 0), new(12, 0), "Tuesdays and Thursdays 10am to 12 noon"),
        ("SU", new(11, 0), new(13, 0), "Sundays 11am to 1pm"),
    ];

    /// <summary>
    /// The organisations, locations and services of a demonstration directory of
    /// <paramref name="serviceCount"/> services whose needs are the given taxonomy terms (by code).
    /// </summary>
    public static DemoData Create(int serviceCount, IReadOnlyDictionary<string, Guid> termIdsByCode, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serviceCount);
        ArgumentNullException.ThrowIfNull(termIdsByCode);
        var random = new Random(Seed);
        Guid NextId()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, so ids look like any other
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }

        var organisations = new Dictionary<(string Town, int Kind), Organization>();
        var services = new List<Service>(serviceCount);
        var locations = new List<Location>(serviceCount);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var i = 0; i < serviceCount; i++)
        {
            // Every kind of service in turn, each time in the next town: all needs and towns early on.
            var template = Templates[i % Templates.Length];
            var town = Towns[(i + i / Templates.Length) % Towns.Length];
            var round = i / (Towns.Length * Templates.Length);
            var kindIndex = PickKind(template.Need, i);
            if (!organisations.TryGetValue((town.Name, kindIndex), out var organisation))
            {
                var kind = Kinds[kindIndex];
                var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, kind.NamePattern, town.Name);
                var id = NextId();
                organisation = new Organization
                {
                    Id = organisations.Count switch { 0 => FirstOrganizationId, 1 => SecondOrganizationId, _ => id }, Name = name, Description = kind.Description,
                    Website = $"https://{Slug(name)}.example.org", Email = $"hello@{Slug(name)}.example.org",
                };
                organisations.Add((town.Name, kindIndex), organisation);
            }

            var outcode = town.Outcodes[random.Next(town.Outcodes.Length)];
            var centre = PostcodeDistricts.CentreOf(outcode) ?? throw new InvalidOperationException($"{outcode} is not a known district.");
            var venue = $"{(random.Next(3) == 0 ? Streets[random.Next(Streets.Length)].Split(' ')[0] + " " : "")}{Venues[random.Next(Venues.Length)]}";
            var location = new Location
            {
                Id = NextId(),
                OrganizationId = organisation.Id,
                Name = $"{town.Name} {venue}",
                LocationType = "physical",
                // Within about 1 km of the district's centre.
                Latitude = Math.Round(centre.Latitude + (random.NextDouble() - 0.5) * 0.012, 6),
                Longitude = Math.Round(centre.Longitude + (random.NextDouble() - 0.5) * 0.02, 6),
            };
            location.Addresses.Add(new Address
            {
                Id = NextId(), LocationId = location.Id,
                Address1 = $"{random.Next(1, 180)} {Streets[random.Next(Streets.Length)]}",
                City = town.Name, StateProvince = town.County,
                PostalCode = $"{outcode} {random.Next(1, 10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}",
                Country = "GB", AddressType = "physical",
            });
            foreach (var access in AccessOptions.Where(_ => random.Next(3) > 0).Take(3))
            {
                location.Accessibility.Add(new Accessibility { Id = NextId(), LocationId = location.Id, Description = access.Description, Details = access.Details });
            }

            locations.Add(location);
            var serviceName = round == 0 ? $"{template.Name}, {town.Name}" : $"{template.Name}, {town.Name} ({location.Name.Replace(town.Name + " ", "", StringComparison.Ordinal)})";
            var maximum = random.Next(8, 41);
            var timetable = Timetables[random.Next(Timetables.Length)];
            var statusRoll = random.Next(40);
            var service = new Service
            {
                Id = NextId(),
                OrganizationId = organisation.Id,
                Name = serviceName,
                Description = template.Description,
                Url = $"{organisation.Website}/{Slug(template.Name)}",
                Email = organisation.Email,
                Status = statusRoll switch { 0 => ServiceStatus.TemporarilyClosed, 1 => ServiceStatus.Inactive, _ => ServiceStatus.Active },
                Fees = template.Fees,
                MinimumAge = template.MinimumAge,
                MaximumAge = template.MaximumAge,
                AssuredDate = today.AddDays(-random.Next(0, 150)),
                AssurerEmail = $"directory@{Slug(town.Name)}.example.org",
                Alert = statusRoll == 0 ? "Closed for refurbishment; reopening soon." : null,
                LastModified = now,
                CapacityMaximum = maximum,
                CapacityAvailable = random.Next(0, maximum + 1),
                WaitDays = random.Next(0, 4) == 0 ? random.Next(7, 29) : random.Next(0, 8),
            };
            service.Attributes.Add(new ServiceAttribute { Id = NextId(), ServiceId = service.Id, TaxonomyTermId = termIdsByCode[template.Need] });
            // Many groups also help with loneliness, whatever their main purpose.
            if (template.Need != "loneliness" && random.Next(4) == 0)
            {
                service.Attributes.Add(new ServiceAttribute { Id = NextId(), ServiceId = service.Id, TaxonomyTermId = termIdsByCode["loneliness"] });
            }

            service.ServiceAtLocations.Add(new ServiceAtLocation { Id = NextId(), ServiceId = service.Id, LocationId = location.Id, Location = location });
            service.Schedules.Add(new Schedule
            {
                Id = NextId(), ServiceId = service.Id, Freq = "WEEKLY", Interval = 1, ByDay = timetable.Days,
                OpensAt = timetable.Opens, ClosesAt = timetable.Closes, Description = timetable.Words,
                AttendingType = "In person",
            });
            service.ServiceAreas.Add(new ServiceArea { Id = NextId(), ServiceId = service.Id, Name = $"{town.Name} and surrounding area" });
            service.Languages.Add(new Language { Id = NextId(), ServiceId = service.Id, Name = "English", Code = "en" });
            if (random.Next(5) == 0)
            {
                var second = SecondLanguages[random.Next(SecondLanguages.Length)];
                service.Languages.Add(new Language { Id = NextId(), ServiceId = service.Id, Name = second.Name, Code = second.Code });
            }

            service.CostOptions.Add(new CostOption
            {
                Id = NextId(), ServiceId = service.Id, Option = "Everyone",
                Amount = PriceOf(template.Fees), AmountDescription = template.Fees,
            });
            var contact = new Contact
            {
                Id = NextId(), ServiceId = service.Id, Name = $"{template.Name} team", Title = "Bookings and enquiries",
                Email = organisation.Email,
            };
            contact.Phones.Add(new Phone { Id = NextId(), ContactId = contact.Id, Number = $"{town.PhonePrefix}{random.Next(0, 1000):000}", Type = "voice" });
            service.Contacts.Add(contact);
            services.Add(service);
        }

        return new DemoData([.. organisations.Values], locations, services);
    }

    private static int PickKind(string need, int i)
    {
        var candidates = Enumerable.Range(0, Kinds.Length).Where(k => Kinds[k].Needs.Contains(need)).ToArray();
        return candidates[i % candidates.Length];
    }

    /// <summary>The price in pounds of the fees' first "£" amount; free (0) when there is none.</summary>
    private static decimal PriceOf(string fees)
    {
        var pound = fees.IndexOf('£', StringComparison.Ordinal);
        return pound < 0
            ? 0
            : decimal.Parse(new string(fees[(pound + 1)..].TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Slug(string text) =>
        new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-').Replace("--", "-", StringComparison.Ordinal);

    private sealed record Town(string Name, string County, string PhonePrefix, string[] Outcodes);

    private sealed record OrganisationKind(string NamePattern, string Description, string[] Needs);

    private sealed record ServiceTemplate(string Need, string Name, string Description, int? MinimumAge, int? MaximumAge, string Fees);
}

public sealed record DemoData(IReadOnlyList<Organization> Organizations, IReadOnlyList<Location> Locations, IReadOnlyList<Service> Services);
