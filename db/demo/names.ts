// Made-up people and places for the demo office, a field-service business around
// Columbus, Ohio. Phone numbers use the 555-01xx block, which is reserved for fiction.
import type { Rng } from './random';

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Karen', 'Christopher', 'Sarah',
  'Charles', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Sandra', 'Anthony', 'Betty', 'Mark', 'Ashley',
  'Donald', 'Emily', 'Steven', 'Kimberly', 'Andrew', 'Margaret', 'Paul', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie',
  'George', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Dorothy',
  'Jacob', 'Amy', 'Nicholas', 'Kathleen', 'Gary', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Emma',
  'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Nicole', 'Scott', 'Anna', 'Brandon', 'Samantha',
  'Benjamin', 'Katherine', 'Samuel', 'Christine', 'Gregory', 'Debra', 'Alexander', 'Rachel', 'Patrick', 'Carolyn',
  'Frank', 'Janet', 'Raymond', 'Maria', 'Jack', 'Olivia', 'Dennis', 'Heather', 'Jerry', 'Helen',
  'Tyler', 'Catherine', 'Aaron', 'Diane', 'Jose', 'Julie', 'Adam', 'Victoria', 'Nathan', 'Joyce',
  'Henry', 'Lauren', 'Zachary', 'Kelly', 'Douglas', 'Christina', 'Peter', 'Ruth', 'Kyle', 'Joan',
  'Noah', 'Virginia', 'Ethan', 'Judith', 'Jeremy', 'Evelyn', 'Walter', 'Hannah', 'Christian', 'Andrea',
  'Keith', 'Megan', 'Roger', 'Cheryl', 'Terry', 'Jacqueline', 'Austin', 'Madison', 'Sean', 'Teresa',
  'Gerald', 'Abigail', 'Carl', 'Sophia', 'Harold', 'Martha', 'Dylan', 'Sara', 'Arthur', 'Gloria',
  'Lawrence', 'Janice', 'Jordan', 'Kathryn', 'Jesse', 'Ann', 'Bryan', 'Isabella', 'Billy', 'Judy',
  'Bruce', 'Charlotte', 'Gabriel', 'Julia', 'Joe', 'Grace', 'Logan', 'Amber', 'Alan', 'Alice',
  'Juan', 'Denise', 'Albert', 'Danielle', 'Willie', 'Marilyn', 'Elijah', 'Beverly', 'Wayne', 'Natalie',
  'Randy', 'Theresa', 'Vincent', 'Diana', 'Mason', 'Brittany', 'Roy', 'Doris', 'Ralph', 'Kayla',
  'Bobby', 'Alexis', 'Russell', 'Lori', 'Bradley', 'Marie', 'Philip', 'Aisha', 'Eugene', 'Mei',
  'Darnell', 'Priya', 'Malik', 'Ngozi', 'Hiroshi', 'Fatima', 'Mateo', 'Camila', 'Tariq', 'Lucia',
  'Andre', 'Keisha', 'Omar', 'Leila', 'Dmitri', 'Ingrid', 'Rahul', 'Yuki', 'Kwame', 'Rosa',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes',
  'Fisher', 'Vasquez', 'Simmons', 'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham', 'Reynolds',
  'Griffin', 'Wallace', 'Moreno', 'West', 'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson', 'Ellis',
  'Tran', 'Medina', 'Aguilar', 'Stevens', 'Murray', 'Ford', 'Castro', 'Marshall', 'Owens', 'Harrison',
  'Fernandez', 'McDonald', 'Woods', 'Washington', 'Kennedy', 'Wells', 'Vargas', 'Henry', 'Chen', 'Freeman',
  'Webb', 'Tucker', 'Guzman', 'Burns', 'Crawford', 'Olson', 'Simpson', 'Porter', 'Hunter', 'Gordon',
  'Okafor', 'Novak', 'Kowalski', 'Schneider', 'Yamamoto', 'Haddad', 'Mensah', 'Lindqvist', "O'Brien", 'Dubois',
];

const BUSINESS_STEMS = [
  'Maple Court', 'Oak Ridge', 'Riverside', 'Cedar Point', 'Willow Creek', 'Northgate', 'Olentangy', 'Brookside',
  'Heritage', 'Scioto', 'Highland', 'Lakeview', 'Pine Hollow', 'Stonebridge', 'Sunnyvale', 'Fairwood',
];
const BUSINESS_KINDS = [
  'Apartments', 'Property Management', 'Condominium Association', 'Senior Living', 'Townhomes', 'Dental Group',
  'Community Church', 'Montessori School', 'Business Park', 'Realty',
];

const STREETS = [
  'Maple', 'Oak', 'Elm', 'High', 'Broad', 'Main', 'Cedar', 'Park', 'Lincoln', 'Washington', 'Walnut', 'Cherry',
  'Sycamore', 'Hickory', 'Chestnut', 'Willow', 'Lake', 'Hill', 'Sunset', 'Riverside', 'Church', 'Mill', 'Spring',
  'Meadow', 'Forest', 'Highland', 'Dublin-Granville', 'Morse', 'Cleveland', 'Karl', 'Indianola', 'Kenny', 'Henderson',
  'Bethel', 'Sawmill', 'Hamilton', 'Livingston', 'Schrock', 'Agler', 'Innis',
];
const STREET_KINDS = ['St', 'Ave', 'Rd', 'Dr', 'Ln', 'Ct', 'Blvd', 'Way', 'Pl'];

/** Cities of the service area, with a ZIP code and a phone area code each. */
const CITIES = [
  { city: 'Columbus', zips: ['43201', '43202', '43204', '43206', '43209', '43214', '43220', '43224'], area: '614' },
  { city: 'Dublin', zips: ['43016', '43017'], area: '614' },
  { city: 'Westerville', zips: ['43081', '43082'], area: '614' },
  { city: 'Worthington', zips: ['43085'], area: '614' },
  { city: 'Upper Arlington', zips: ['43221'], area: '614' },
  { city: 'Hilliard', zips: ['43026'], area: '614' },
  { city: 'Grove City', zips: ['43123'], area: '614' },
  { city: 'Gahanna', zips: ['43230'], area: '614' },
  { city: 'Reynoldsburg', zips: ['43068'], area: '614' },
  { city: 'Delaware', zips: ['43015'], area: '740' },
  { city: 'Lewis Center', zips: ['43035'], area: '740' },
  { city: 'Pickerington', zips: ['43147'], area: '614' },
] as const;

const MAIL_HOSTS = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com', 'hotmail.com', 'att.net'];

export interface PersonName { first: string; last: string; full: string }

export function personName(rng: Rng): PersonName {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  return { first, last, full: `${first} ${last}` };
}

export function businessName(rng: Rng): string {
  return `${rng.pick(BUSINESS_STEMS)} ${rng.pick(BUSINESS_KINDS)}`;
}

export interface Place { address: string; area: string }

export function place(rng: Rng): Place {
  const c = rng.pick(CITIES);
  const number = rng.chance(0.7) ? rng.int(100, 4999) : rng.int(5000, 12999);
  const unit = rng.chance(0.12) ? ` Apt ${rng.int(1, 24)}${rng.pick(['', 'A', 'B'])}` : '';
  return {
    address: `${number} ${rng.pick(STREETS)} ${rng.pick(STREET_KINDS)}${unit}, ${c.city}, OH ${rng.pick(c.zips)}`,
    area: c.area,
  };
}

export function phone(rng: Rng, area: string): string {
  return `(${area}) 555-01${rng.digits(2)}`;
}

export function personalEmail(rng: Rng, name: PersonName): string {
  const local = rng.pick([
    `${name.first}.${name.last}`, `${name.first}${name.last}`, `${name.first[0]}${name.last}`,
    `${name.first}.${name.last}${rng.int(1, 99)}`, `${name.last}${name.first[0]}${rng.int(60, 99)}`,
  ]);
  return `${local.toLowerCase().replace(/[^a-z0-9.]/g, '')}@${rng.pick(MAIL_HOSTS)}`;
}

export function businessEmail(rng: Rng, business: string): string {
  const domain = business.toLowerCase().replace(/[^a-z]+/g, '').slice(0, 18);
  return `${rng.pick(['office', 'manager', 'maintenance', 'frontdesk', 'info'])}@${domain}.com`;
}
