// Runs once in the compose file's mongo-init job (as root, against mongo1): a replica set of three voting,
// data-bearing members (no arbiter, so a majority write is on two data-bearing members), then the services' user.
const members = [
  {_id: 0, host: "mongo1:27017", priority: 2},
  {_id: 1, host: "mongo2:27017", priority: 1},
  {_id: 2, host: "mongo3:27017", priority: 1},
];
try {
  rs.status();
} catch (notInitiated) {
  rs.initiate({_id: "rs0", members: members});
}
for (let i = 0; i < 120 && !db.hello().isWritablePrimary; i++) {
  sleep(1000);
}
if (!db.hello().isWritablePrimary) {
  throw new Error("no primary after 120 s");
}
const norrort = db.getSiblingDB("norrort");
if (!norrort.getUser("norrort")) {
  norrort.createUser({user: "norrort", pwd: process.env.NORRORT_MONGO_PASSWORD,
                      roles: [{role: "readWrite", db: "norrort"}]});
}
print("replica set rs0 ready; user norrort present");
