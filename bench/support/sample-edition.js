"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SAMPLE_ARTICLES = exports.SAMPLE_NEWSLETTERS = exports.SAMPLE_NOTICE = void 0;
const notice_view_1 = require("../../src/consent/notice-view");
const _1764374400000_ReaderJourney_1 = require("../../src/database/migrations/1764374400000-ReaderJourney");
exports.SAMPLE_NOTICE = (0, notice_view_1.toNoticeView)(_1764374400000_ReaderJourney_1.SEED_NOTICE);
exports.SAMPLE_NEWSLETTERS = {
    'the-saturday-read': {
        id: 1,
        slug: 'the-saturday-read',
        name: 'The Saturday Read',
        blurb: 'Your weekly guide to the best writing on ideas, politics, books and culture every Saturday.',
    },
    'morning-call': {
        id: 2,
        slug: 'morning-call',
        name: 'Morning Call',
        blurb: "The New Statesman's quick and essential guide to the news and politics of the day.",
    },
};
const at = (day, hour) => new Date(Date.UTC(2023, 2, day, hour, 0, 0));
const article = (a) => ({
    standfirst: null,
    author: null,
    section: null,
    imageUrl: null,
    publishedAt: at(1, 9),
    sponsored: false,
    topics: [],
    ...a,
});
exports.SAMPLE_ARTICLES = [
    article({
        title: 'Why Alexander Lukashenko’s trip to China matters',
        url: 'https://www.newstatesman.com/world/europe/2023/03/alexander-lukashenko-trip-china-matters',
        standfirst: 'The Belarusian autocrat is a close ally of Vladimir Putin, and a useful friend in Beijing’s contest with the West.',
        author: 'Katie Stallard',
        section: 'The Staggers',
        imageUrl: 'https://images.newstatesman.com/wp-content/uploads/2023/03/lukashenko-xi.jpg',
        topics: ['Belarus', 'China', 'Russia'],
    }),
    article({
        title: 'Will Ukraine run out of ammunition?',
        url: 'https://www.newstatesman.com/world/europe/ukraine/2023/02/ukraine-run-out-ammunition',
        standfirst: 'Kyiv is firing shells faster than its allies can make them, and the arithmetic of the war is getting harder.',
        author: 'Ido Vock',
        section: 'World',
        imageUrl: 'https://images.newstatesman.com/wp-content/uploads/2023/02/ukraine-artillery.jpg',
        publishedAt: at(1, 7),
        topics: ['Ukraine'],
    }),
    article({
        title: 'Rage against the regime: the Belarus ultras who stood up to Lukashenko',
        url: 'https://www.newstatesman.com/world/europe/2023/02/belarus-ultras-lukashenko',
        standfirst: 'Football fans became the unlikely vanguard of the 2020 protests – and paid the price.',
        author: 'Katie Stallard',
        section: 'The Staggers',
        imageUrl: 'https://images.newstatesman.com/wp-content/uploads/2023/02/belarus-ultras.jpg',
    }),
    article({
        title: 'Ben Hodges: “The only hope the Russians have is that the West loses the will to keep supporting Ukraine”',
        url: 'https://www.newstatesman.com/world/europe/ukraine/2023/02/ben-hodges-interview',
        standfirst: 'The former commander of US Army Europe on tanks, time, and the spring offensive.',
        author: 'Megan Gibson',
        section: 'World',
        publishedAt: at(28, 16),
    }),
    article({
        title: 'The Tories have stopped pretending they can win the next election',
        url: 'https://www.newstatesman.com/politics/conservatives/2023/03/tories-stopped-pretending-win-next-election',
        standfirst: 'Rishi Sunak’s party is preparing for opposition, and the fight over what comes after has already begun.',
        author: 'Andrew Marr',
        section: 'Politics',
        imageUrl: 'https://images.newstatesman.com/wp-content/uploads/2023/03/sunak-commons.jpg',
        publishedAt: at(1, 6),
    }),
    article({
        title: 'Keir Starmer’s five missions are a plan for government – but not yet a story',
        url: 'https://www.newstatesman.com/politics/labour/2023/02/keir-starmer-five-missions',
        standfirst: 'Labour’s leader has a programme. What he still lacks is a way of telling voters why it matters to them.',
        author: 'Rachel Wearmouth',
        section: 'Politics',
        imageUrl: 'https://images.newstatesman.com/wp-content/uploads/2023/02/starmer-missions.jpg',
    }),
    article({
        title: 'The strange afterlife of the Booker prize',
        url: 'https://www.newstatesman.com/culture/books/2023/02/strange-afterlife-booker-prize',
        standfirst: 'Literary prizes were meant to widen the audience for serious fiction. Have they narrowed it instead?',
        author: 'Johanna Thomas-Corr',
        section: 'Culture',
        imageUrl: 'https://images.newstatesman.com/wp-content/uploads/2023/02/booker-shortlist.jpg',
        publishedAt: at(27, 12),
    }),
    article({
        title: 'What the energy crisis taught us about Britain’s broken housing stock',
        url: 'https://www.newstatesman.com/spotlight/energy/2023/03/energy-crisis-britain-housing-stock',
        standfirst: 'Draughty homes cost households billions this winter, and insulation remains the cheapest power station.',
        author: 'Samir Jeraj',
        section: 'Spotlight',
    }),
    article({
        title: "Peatlands are nature's unsung climate warriors",
        url: 'https://www.newstatesman.com/sponsored/2023/03/peatlands-nature-climate',
        standfirst: 'Restoring the UK’s bogs could lock away millions of tonnes of carbon a year.',
        section: 'Partner content',
        sponsored: true,
    }),
    article({
        title: 'How the apprenticeship levy helps small businesses to transform their workforce',
        url: 'https://www.newstatesman.com/sponsored/2023/03/apprenticeship-levy-small-businesses',
        standfirst: 'Three employers on training the people they could not hire.',
        section: 'Partner content',
        sponsored: true,
    }),
];
//# sourceMappingURL=sample-edition.js.map