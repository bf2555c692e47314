import diff from './diff';
import importer from './importer';
import policies from './policies';
import reader from './reader';
import timeline from './timeline';
import versions from './versions';

export default { diff, importer, policies, reader, timeline, versions };
