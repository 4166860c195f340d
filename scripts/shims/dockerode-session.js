// Stands in for dockerode's lib/session.js in the bundle. The real one loads @grpc/grpc-js and
// protobufjs (about 400 KB) for BuildKit build sessions, which Docker Explorer never opens.
module.exports = function withSession(_docker, _auth, callback) {
  callback(new Error('BuildKit build sessions are not supported by Docker Explorer.'));
};
